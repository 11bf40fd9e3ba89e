"""The self-test's "update metadata" check: the update channel end to end, in a throwaway folder.

Owns: a throwaway TUF repository made with the release code IT uses (central.releases; its
keys exist only in memory, for this run), served read-only by the embedded central service
(desktop.demo), and the app's real update client (desktop.updates) against it: the release
must be offered, downloaded and verified, and the same file with one byte changed must be
refused by its hash. Nothing here needs a file of the source tree, so it runs frozen too.

Must never use or touch the organisation's real repository, keys or root.json, and never
leave anything outside the folder it is given.
"""

import secrets
from pathlib import Path

from securesystemslib.signer import CryptoSigner

from central import releases
from desktop import updates
from desktop.demo import DemoService


def check_update_channel(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    keys = {role: [CryptoSigner.generate_ed25519()] for role in releases.ROLES}
    repo = releases.Repository.init(folder / "repo", keys, thresholds={})
    current = updates.parse_version(updates.app_version()) or (0, 0, 0)
    version = f"{current[0] + 1}.0.0"
    artifact = folder / f"prossimo-{version}-self-test.bin"
    artifact.write_bytes(secrets.token_bytes(4096))
    release = repo.add(
        artifact,
        version=version,
        notes="self-test release",
        targets_keys=keys["targets"],
        platform=updates.this_platform(),
    )
    repo.sign(keys["timestamp"], keys["snapshot"])
    root = (repo.metadata_dir / "1.root.json").read_bytes()
    service = DemoService(folder / "central", updates_dir=repo.folder, demo_data=False)
    try:
        client = updates.UpdateClient(service.url, folder / "client", root=root)
        try:
            offer = client.check()
            if offer is None or offer.version != version:
                raise RuntimeError("the signed release was not offered")
            downloaded = client.download(offer, folder / "downloads")
            if downloaded.read_bytes() != artifact.read_bytes():
                raise RuntimeError("the downloaded release differs from the one signed")
            served = repo.targets_dir / release.channel / f"{release.sha256}.{artifact.name}"
            data = served.read_bytes()
            served.write_bytes(bytes([data[0] ^ 0xFF]) + data[1:])
            try:
                client.download(offer, folder / "tampered")
            except updates.UpdateCheckFailed as refused:
                if refused.check != "hash":
                    raise RuntimeError(f"a tampered release was refused by the wrong check: {refused.check}") from None
            else:
                raise RuntimeError("a tampered release was accepted")
        finally:
            client.fetcher.close()
    finally:
        service.stop()
