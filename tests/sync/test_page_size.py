"""The page-size rule: shrinks on a slow answer, grows on a fast one, within bounds."""

from desktop.sync.page_size import PROTOCOL_MAX, PageSizer


def test_grows_on_a_fast_answer_within_the_protocols_maximum() -> None:
    sizer = PageSizer()
    sizer.answered(250, 45_000, 0.05)
    assert sizer.size == 1000  # limited to 4x per answer
    for _ in range(5):
        sizer.answered(sizer.size, sizer.size * 180, 0.1)
    assert sizer.size == PROTOCOL_MAX == 5000


def test_shrinks_on_a_slow_answer_and_after_a_cut() -> None:
    sizer = PageSizer(size=2000)
    sizer.answered(2000, 360_000, 11.0)  # 32 KB/s: 3 s is about 540 records
    assert 400 < sizer.size < 700
    before = sizer.size
    sizer.failed()
    assert sizer.size == before // 2
    for _ in range(20):
        sizer.failed()
    assert sizer.size == sizer.minimum
