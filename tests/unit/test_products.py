import pytest
from hypothesis import given, strategies as st

from escalation_routine import facts, products

# What users really type, and the product it must resolve to.
TYPED = {
    "Fiber Villa": "Fiber Villa",
    "fibervilla": "Fiber Villa",
    "villafiber": "Fiber Villa",
    "villafibern": "Fiber Villa",
    "fibervila": "Fiber Villa",
    "FIBER VILLA": "Fiber Villa",
    "Fiber Lägenhet": "Fiber Lägenhet",
    "fiber lagenhet": "Fiber Lägenhet",
    "lägenhetsfiber": "Fiber Lägenhet",
    "lagenhetsfiber": "Fiber Lägenhet",
    "fiberlägenhet": "Fiber Lägenhet",
    "fiber småföretag": "Fiber Småföretag",
    "fiber smaforetag": "Fiber Småföretag",
    "småföretagsfiber": "Fiber Småföretag",
    "Skanova Fiber 2009": "Skanova Fiber 2009",
    "fiber 2009": "Skanova Fiber 2009",
    "svartfiber": "Svartfiber",
    "svart fiber": "Svartfiber",
    "svartfibern": "Svartfiber",
    "fiber": "Fiber",
    "fiberanslutning": "Fiber",
    "fiber punkt till punkt": "Fiber",
    "Kopparaccess": "Kopparaccess",
    "kopparaccessen": "Kopparaccess",
    "koppar access": "Kopparaccess",
    "kopparacess": "Kopparaccess",
    "Koppar Punkt till Punkt": "Koppar Punkt till Punkt",
    "koppar p2p": "Koppar Punkt till Punkt",
    "koppar punkt-till-punkt": "Koppar Punkt till Punkt",
    "koppar": "Koppar",
    "kopar": "Koppar",
    "inplacering": "Inplacering",
    "inplaceringar": "Inplacering",
    "etablering": "Etablering",
    "etableringsprodukter": "Etablering",
    "samlokalisering": "Samlokalisering",
    "kolokalisering": "Samlokalisering",
}
GROUPS = {
    "Fiber Villa": "fibervilla",
    "Fiber Lägenhet": "fibervilla",
    "Fiber Småföretag": "fibervilla",
    "Skanova Fiber 2009": "fiber",
    "Svartfiber": "fiber",
    "Fiber": "fiber",
    "Kopparaccess": "koppar",
    "Koppar Punkt till Punkt": "koppar",
    "Koppar": "koppar",
    "Inplacering": "inplacering",
    "Etablering": "inplacering",
    "Samlokalisering": "inplacering",
}


@pytest.mark.parametrize("typed, name", sorted(TYPED.items()))
def test_resolves_what_users_type(typed, name):
    product = products.meant_product(typed)
    assert product is not None and product.name == name
    assert product.group == GROUPS[name]


def test_every_synonym_in_the_facts_file_resolves_to_its_product():
    for group, data in facts.facts().product_groups.items():
        for name, synonyms in data.products.items():
            for synonym in synonyms:
                product = products.meant_product(f"det gäller {synonym} tack")
                assert (product.name, product.group) == (name, group), synonym


def test_most_specific_product_wins_inside_a_sentence():
    assert products.meant_product("order 88812345 för Koppar Punkt till Punkt").name == "Koppar Punkt till Punkt"
    assert products.meant_product("vår fiber villa-kund").name == "Fiber Villa"


@pytest.mark.parametrize("text", ["", "hej hej", "88812345", "leveransen är sen", "mars", "order"])
def test_no_product_in_text_without_one(text):
    assert products.meant_product(text) is None


def test_product_buttons_are_products():
    for name in facts.facts().product_buttons:
        assert products.meant_product(name).name == name


@pytest.mark.parametrize("word", ["villafibern", "Kopparaccessen", "svartfiber", "SAMLOKALISERING", "fiber,"])
def test_a_product_word_is_recognised_as_typed(word):
    assert products.is_product_word(word)


@pytest.mark.parametrize("word", ["fiberviila", "leverans", "villa", "fiberkabel", "entityproduct", ""])
def test_other_words_and_typos_are_not_product_words(word):
    assert not products.is_product_word(word)


SYNONYMS = products._synonyms()


@given(st.sampled_from(SYNONYMS), st.booleans(), st.booleans())
def test_every_synonym_names_its_product_in_a_sentence_in_any_case_without_diacritics(pair, upper, plain):
    synonym, product = pair
    typed = synonym.translate(str.maketrans("åäö", "aao")) if plain else synonym
    assert products.meant_product(f"det gäller {typed.upper() if upper else typed} tack") == product


@given(st.text(max_size=300))
def test_product_and_case_kind_never_fail_and_are_known(text):
    assert products.meant_product(text) in [product for _, product in SYNONYMS] + [None]
    assert facts.resolve_case_kind(text) in [*facts.facts().case_kinds, None]


@pytest.mark.parametrize(
    "text, name",
    [
        ("kopparaccessordern är sen", "Kopparaccess"),
        ("fiberlägenhetsleveransen har inte kommit", "Fiber Lägenhet"),
        ("villafiberbeställningen", "Fiber Villa"),
        ("inplaceringsärendet i Gävle", "Inplacering"),
        ("etableringen står still", "Etablering"),
        ("koppar punkt till punkt-leveransen", "Koppar Punkt till Punkt"),
    ],
)
def test_compounds_and_inflections_name_their_product(text, name):
    assert products.meant_product(text).name == name


@pytest.mark.parametrize(
    "text, name",
    [
        ("det gäller inte fiber utan kopparaccess", "Kopparaccess"),
        ("inte fiber villa, det är fiber lägenhet", "Fiber Lägenhet"),
        ("förra gången var det koppar, nu är det Fiber Villa", "Fiber Villa"),
        ("jag skrev kopparaccess men menade koppar p2p", "Koppar Punkt till Punkt"),
        ("fiber villa, nej förresten fiber småföretag", "Fiber Småföretag"),
        ("det är ingen kopparaccess, det är en inplacering", "Inplacering"),
        ("fibern, alltså Fiber Villa", "Fiber Villa"),
    ],
)
def test_the_product_meant_wins_over_one_negated_corrected_or_earlier(text, name):
    assert products.meant_product(text).name == name


def test_a_message_that_only_negates_names_no_product():
    assert products.meant_product("det gäller inte koppar") is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("kunden har fortf ingen kopparaccess trots att den skulle va klar i tisdags", "Kopparaccess"),
        ("vi har fortfarande inget fiber villa-uttag hos kunden", "Fiber Villa"),
    ],
)
def test_a_customer_without_the_product_still_names_it(text, name):
    """ "ingen X" is a lack, not a correction, when no other product is named."""
    assert products.meant_product(text).name == name
