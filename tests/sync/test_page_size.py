"""The page-size rule: shrinks on a slow answer, grows on a fast one, keeps a size that fits, within bounds."""

from desktop.sync.page_size import PROTOCOL_MAX, PageSizer


def test_grows_on_a_fast_answer_within_the_protocols_maximum() -> None:
    sizer = PageSizer()
    sizer.answered(250, 45_000, 0.05)
    assert sizer.size == 1000  # limited to 4x per answer
    for _ in range(5):
        sizer.answered(sizer.size, sizer.size * 180, 0.1)
    assert sizer.size == PROTOCOL_MAX == 5000


def test_shrinks_on_a_slow_answer_to_about_four_seconds_and_halves_after_a_cut() -> None:
    sizer = PageSizer(size=2000)
    sizer.answered(2000, 360_000, 11.0)  # 180 B/record at 32.7 KB/s: 4 s is about 727 records
    assert sizer.size == 727
    sizer.failed()
    assert sizer.size == 363
    for _ in range(20):
        sizer.failed()
    assert sizer.size == sizer.minimum


def test_a_page_within_the_band_keeps_its_size() -> None:
    """2 to 5 s per page is fine: a stall that stretches one answer to 4.5 s does not resize."""
    sizer = PageSizer(size=500)
    sizer.answered(500, 90_000, 3.0)
    assert sizer.size == 500
    sizer.answered(500, 90_000, 6.0)  # the smoothed rate now says 4.5 s for this size
    assert sizer.size == 500
    sizer.answered(500, 90_000, 20.0)  # the link got much slower: out of the band
    assert sizer.size < 500


def test_on_256_kbit_the_pages_settle_small() -> None:
    """A link of 32,000 B/s carrying records of 200 B: pages of 4 s are 640 records, not thousands."""
    sizer = PageSizer(maximum=2000)
    for _ in range(10):
        sizer.answered(sizer.size, sizer.size * 200, sizer.size * 200 / 32_000)
    assert 2 * 32_000 / 200 <= sizer.size <= 5 * 32_000 / 200
