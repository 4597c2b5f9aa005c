from bordermap.geo.extract.incidents import sentences
from bordermap.geo.records import Article


def test_repeated_paragraph_and_fragments_are_read_once():
    text = (
        "Intro.\n\n"
        "The round started one day after a clash left two soldiers wounded\n\n"
        "The round started one day after a clash left two soldiers wounded.\n\n"
        "Mines have\n\nwounded soldiers\n\nMines have wounded soldiers."
    )
    got = [s.text for s in sentences(Article(id="x", text=text))]
    assert got == [
        "Intro.",
        "The round started one day after a clash left two soldiers wounded.",
        "Mines have wounded soldiers.",
    ]


def test_abbreviations_do_not_end_sentences():
    text = "It began on Dec. 8 when U.S. officials spoke. Lt. Gen. Winthai said so."
    got = [s.text for s in sentences(Article(id="x", text=text))]
    assert got == [
        "It began on Dec. 8 when U.S. officials spoke.",
        "Lt. Gen. Winthai said so.",
    ]


def test_sentence_spans_point_into_the_text():
    a = Article(id="x", text="One.  Two!\n\nThree?")
    assert all(a.text[s.start : s.end] == s.text for s in sentences(a))
