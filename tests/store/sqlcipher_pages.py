"""Read a SQLCipher 4 store file page by page, decrypted, to look for what must not be there.

A test helper, independent of SQLite: it decrypts every page of the database file
(free pages included, whatever SQLite thinks of them) and every frame of the WAL
with the raw key, so a test can grep the bytes an attacker holding the key and the
file would see. SQLCipher 4 defaults: 4096-byte pages, 80 reserved bytes at the end
of each (16-byte IV, then a 64-byte HMAC-SHA512), AES-256-CBC without padding, a
raw key (`x'<64 hex>'`) used as the encryption key as is; page 1 starts with the
16-byte salt in clear, so its encrypted part starts at byte 16.
"""

from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80
IV_SIZE = 16
SALT_SIZE = 16
WAL_HEADER = 32
WAL_FRAME_HEADER = 24


def decrypt_page(key: bytes, page: bytes, number: int) -> bytes:
    """The plaintext of one page (page 1 comes back without its salt)."""
    start = SALT_SIZE if number == 1 else 0
    end = PAGE_SIZE - RESERVE
    iv = page[end : end + IV_SIZE]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:end]) + decryptor.finalize()


def database_pages(key: bytes, path: Path) -> Iterator[tuple[int, bytes]]:
    data = path.read_bytes()
    for index in range(len(data) // PAGE_SIZE):
        yield index + 1, decrypt_page(key, data[index * PAGE_SIZE : (index + 1) * PAGE_SIZE], index + 1)


def wal_pages(key: bytes, path: Path) -> Iterator[tuple[int, bytes]]:
    """Every frame still in the WAL file, valid or not (old frames are readable too)."""
    if not path.exists():
        return
    data = path.read_bytes()
    offset = WAL_HEADER
    while offset + WAL_FRAME_HEADER + PAGE_SIZE <= len(data):
        number = int.from_bytes(data[offset : offset + 4], "big")
        page = data[offset + WAL_FRAME_HEADER : offset + WAL_FRAME_HEADER + PAGE_SIZE]
        if number:
            yield number, decrypt_page(key, page, number)
        offset += WAL_FRAME_HEADER + PAGE_SIZE


def find_in_store(key: bytes, store: Path, needles: list[str]) -> list[str]:
    """`where: needle` for every needle found (case-insensitive) in a decrypted page of the
    database or its WAL; empty when none is anywhere."""
    found = []
    sources = [("db", database_pages(key, store)), ("wal", wal_pages(key, Path(f"{store}-wal")))]
    for where, pages in sources:
        for number, plain in pages:
            lowered = plain.lower()
            found += [f"{where} page {number}: {n}" for n in needles if n.lower().encode() in lowered]
    return found
