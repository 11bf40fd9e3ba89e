"""A throwaway TUF update repository made with the real `prossimo-central release` commands,
for the update tests: keys generated at test time (0600 files in the test's folder), never
a key of any real organisation.
"""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from central import cli


def release(*args: str) -> int:
    """`prossimo-central release ...`, in this process (the real command's code and exit code)."""
    return cli.main(["release", *map(str, args)])


@dataclass
class Repo:
    folder: Path  # what the service serves (--updates-dir)
    keys: Path  # beside it, never inside: the service must not be able to serve a key
    added: list[Path] = field(default_factory=list)

    def key(self, name: str) -> str:
        path = self.keys / name
        if not path.exists():
            assert release("keygen", path) == 0
        return str(path)

    def init(self) -> "Repo":
        shutil.rmtree(self.folder, ignore_errors=True)  # the service keeps its path: a new repository there
        self.keys.mkdir(mode=0o700, exist_ok=True)
        code = release(
            "init",
            "--repo",
            self.folder,
            "--root-key",
            self.key("root"),
            "--targets-key",
            self.key("targets"),
            "--snapshot-key",
            self.key("snapshot"),
            "--timestamp-key",
            self.key("timestamp"),
        )
        assert code == 0
        return self

    def add(self, version: str, notes: str = "fixes things", *, channel: str = "stable", content: bytes = b"") -> Path:
        artifact = self.keys.parent / "artifacts" / f"prossimo-{version}-{channel}.tar.gz"
        artifact.parent.mkdir(exist_ok=True)
        artifact.write_bytes(content or f"Prossimo {version} build".encode())
        code = release(
            "add",
            artifact,
            "--repo",
            self.folder,
            "--version",
            version,
            "--notes",
            notes,
            "--channel",
            channel,
            "--targets-key",
            self.key("targets"),
        )
        assert code == 0
        self.added.append(artifact)
        return artifact

    def sign(self, timestamp: str = "timestamp", snapshot: str = "snapshot") -> int:
        return release(
            "sign", "--repo", self.folder, "--timestamp-key", self.key(timestamp), "--snapshot-key", self.key(snapshot)
        )

    @property
    def first_root(self) -> bytes:
        """What a build ships: the root.json the repository started with."""
        return (self.folder / "metadata" / "1.root.json").read_bytes()

    def target_file(self, artifact: Path) -> Path:
        [found] = (self.folder / "targets").glob(f"*/*.{artifact.name}")
        return found
