import pytest
from hypothesis import given, strategies as st

from escalation_routine import identifiers


@pytest.mark.parametrize(
    "text, number",
    [
        ("88812345", "88812345"),
        ("4711-2345", "4711-2345"),
        ("ORD-99812", "ORD-99812"),
        ("ord-99812", "ORD-99812"),
        ("REF-2026-5541", "REF-2026-5541"),
        ("ordernummer är 88812345 tack", "88812345"),
        ("order 88812345 för Koppar Punkt till Punkt", "88812345"),
        ("referens: REF-2026-5541.", "REF-2026-5541"),
        ("B-1029384", "B-1029384"),
        ("vårt ärende KS 2026 0042 har stått still", "KS 2026 0042"),
        ("ordernr 5566 7788", "5566 7788"),
        ("#77120", "77120"),
        ("ärende 2026/00412", "2026/00412"),
        ("SO-884-12", "SO-884-12"),
        ("kopparaccessordern so-884-12 är sen", "SO-884-12"),
        ("det gäller order nr. 4711 2345 från oktober", "4711 2345"),
        ("ref ABC123456", "ABC123456"),
    ],
)
def test_numbers_in_the_formats_operators_use(text, number):
    assert identifiers.order_number(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "hej hej",
        "",
        "   ",
        "123",
        "15 mars",
        "2026-11-20",
        "sedan kl 09.15",
        "0771-81 60 00",
        "ESK-2026-000123",
        "fiber villa",
        "Skanova Fiber 2009",
        "nere i 5 timmar",
        "3/11",
        "det kostar 4500 kr",
        "vecka 47",
        "för 2 veckor sedan",
    ],
)
def test_what_only_looks_like_a_number_is_none(text):
    assert identifiers.order_number(text) is None


@pytest.mark.parametrize("text, number", [("4711", "4711"), ("nr 884", None), ("12", None)])
def test_a_short_number_counts_only_as_the_answer_to_the_question_for_it(text, number):
    assert identifiers.order_number(text) is None
    assert identifiers.order_number(text, asked=True) == number


@given(st.text(max_size=300))
def test_order_number_never_fails_and_reads_itself_back(text):
    number = identifiers.order_number(text)
    assert number is None or identifiers.order_number(number, asked=True) == number


@given(st.from_regex(r"(ORD|REF|SO|B)-[0-9]{3,8}|[0-9]{4}-[0-9]{4}|[0-9]{6,12}", fullmatch=True))
def test_every_number_of_a_common_shape_is_found_inside_a_sentence(number):
    assert identifiers.order_number(f"ordernummer {number}, tack") == number.upper()


@pytest.mark.parametrize(
    "text, reference",
    [
        ("Vad är status på ESK-2026-000123?", "ESK-2026-000123"),
        ("esk-2026-123", "ESK-2026-000123"),
        ("ärende ESK-2027-000001.", "ESK-2027-000001"),
        ("har ni gjort nåt med ESK 2026 000002?", "ESK-2026-000002"),
        ("esk2026-45", "ESK-2026-000045"),
        ("ESK_2026_000045 status", "ESK-2026-000045"),
        ("esk 2026-7", "ESK-2026-000007"),
        ("ESK-26-1", None),
        ("4711-2345", None),
        ("", None),
        ("XESK-2026-000123", None),
    ],
)
def test_case_references(text, reference):
    assert identifiers.case_reference(text) == reference


@given(st.integers(1000, 9999), st.integers(0, 999_999_999), st.sampled_from(["esk", "ESK", "Esk"]))
def test_any_case_reference_is_found_and_normalised(year, number, prefix):
    assert identifiers.case_reference(f"hur går det med {prefix}-{year}-{number}?") == f"ESK-{year}-{number:06d}"
