"""The review commands: bordermap review, --corrections, --format corpus."""

from __future__ import annotations

import csv
import importlib.util
import json

import pytest

from bordermap.cli import main
from bordermap.geo.review.corrections import COLUMNS
from tests.conftest import ROOT
from tests.geo.review.test_review import ROCKETS, SHELLS

SCORER = ROOT.parent / "shared" / "corpus" / "score.py"


@pytest.fixture
def article(report_file):
    return report_file


def corrections(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows({"article": "a1", **r} for r in rows)
    return str(path)


GOOD = [
    {"quote": ROCKETS, "type": "shelling", "action": "set", "field": "killed_best",
     "old": "2", "new": "3", "reviewer": "Dara"},
    {"quote": SHELLS, "type": "shelling", "action": "set", "field": "province",
     "old": "TH-33", "new": "TH-34", "reviewer": "Dara"},
    {"quote": "a grenade was thrown into the market", "action": "add"},
    {"quote": "a grenade was thrown into the market", "action": "set",
     "field": "province", "new": "TH-32"},
]  # fmt: skip


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        ({"field": "killed_best", "new": "-1"}, "c.csv row 1: killed_best '-1' is not"),
        ({"field": "province", "new": "Atlantis"}, "province 'Atlantis' is not"),
        ({"field": "date", "new": "yesterday"}, "date 'yesterday' is not a date"),
        ({"article": "b9", "action": "keep"}, "article 'b9' is not among the inputs"),
    ],
)
@pytest.mark.parametrize("command", ["map", "extract", "review"])
def test_bad_corrections_stop_before_any_output(
    tmp_path, article, capsys, bad, said, command
):
    rows = [{"quote": ROCKETS, "type": "shelling", "action": "set", **bad}]
    path = corrections(tmp_path / "c.csv", rows)
    if "article" in bad:  # the row's own article
        path = corrections(tmp_path / "c.csv", [])
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f'{bad["article"]},"{ROCKETS}",shelling,,keep,,,,,,\n')
    out = tmp_path / "out.html"
    out.write_text("earlier work", "utf-8")
    argv = [command, str(article), "--corrections", path, "-o", str(out), "-q"]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and said in err[0]
    assert out.read_text("utf-8") == "earlier work"


def test_unknown_column_is_one_line(tmp_path, article, capsys):
    path = tmp_path / "c.csv"
    path.write_text(f'article,quote,colour\na1,"{ROCKETS}",red\n', "utf-8")
    assert main(["extract", str(article), "--corrections", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "row 1: unknown column 'colour'" in err


def test_dask_engine_and_corrections_is_said(tmp_path, article, capsys):
    path = corrections(tmp_path / "c.csv", GOOD)
    argv = ["extract", str(article), "--corrections", path, "--engine", "dask"]
    assert main(argv) == 1
    assert "--corrections is applied with --engine local" in capsys.readouterr().err


def test_jsonl_keeps_unapplied_decisions_and_the_trail(tmp_path, article, capsys):
    lost = {"quote": "A sentence the article no longer has.", "type": "shelling",
            "action": "set", "field": "killed_best", "new": "4"}  # fmt: skip
    path = corrections(tmp_path / "c.csv", [*GOOD, lost])
    assert main(["extract", str(article), "--corrections", path, "-q"]) == 0
    captured = capsys.readouterr()
    (record,) = [json.loads(line) for line in captured.out.splitlines()]
    assert [d["quote"] for d in record["unapplied_corrections"]] == [lost["quote"]]
    assert captured.err.count("no longer find their incident (rows 5)") == 1
    first = record["incidents"][0]
    assert first["killed"]["best"] == 3
    trail = {"field": "killed_best", "old": "2", "new": "3", "reviewer": "Dara"}
    assert first["review"][0] == {**trail, "note": "", "time": ""}
    assert [i["admin1"][0]["iso_3166_2"] for i in record["incidents"]] == [
        "TH-32", "TH-34", "TH-32",
    ]  # fmt: skip


def test_the_map_header_counts_reviewed_incidents(tmp_path, article, capsys):
    path = corrections(tmp_path / "c.csv", GOOD)
    out = tmp_path / "map.html"
    assert main(["map", str(article), "--corrections", path, "-o", str(out), "-q"]) == 0
    assert "3 incidents from 1 article; 3 reviewed" in capsys.readouterr().err
    assert "3 reviewed" in out.read_text("utf-8")


@pytest.mark.skipif(not SCORER.is_file(), reason="corpus scorer not beside the project")
def test_corpus_format_is_gold_that_score_py_reads(tmp_path, article, capsys):
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    path = corrections(tmp_path / "c.csv", GOOD)
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    base = ["extract", str(article), "-q"]
    assert (
        main([*base, "--corrections", path, "--format", "corpus", "-o", str(gold)]) == 0
    )
    assert main([*base, "-o", str(pred)]) == 0
    (record,) = scorer.read_jsonl(str(gold))
    assert record["id"] == "a1" and record["admin1_all"] == ["TH-32", "TH-34"]
    assert [i["n"] for i in record["incidents"]] == [1, 2, 3]
    result = scorer.score([record], scorer.read_jsonl(str(pred)))
    # the extractor missed the grenade and put the shells in Si Sa Ket
    assert result["incidents"]["recall"] == pytest.approx(1 / 3)
    assert result["province"]["all"]["f1"] == pytest.approx(0.5)
    # a reviewed article scores itself perfectly
    itself = scorer.score([record], [record])
    assert itself["incidents"]["f1"] == 1.0 and itself["province"]["all"]["f1"] == 1.0


def test_corpus_format_needs_corrections(article, capsys):
    assert main(["extract", str(article), "--format", "corpus"]) == 1
    assert "--corrections FILE" in capsys.readouterr().err


def test_review_page_is_the_same_bytes_each_run(tmp_path, article):
    path = corrections(tmp_path / "c.csv", GOOD)
    pages = []
    for n in (1, 2):
        out = tmp_path / f"review{n}.html"
        assert (
            main(["review", str(article), "--corrections", path, "-o", str(out), "-q"])
            == 0
        )
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
    page = pages[0].decode("utf-8")
    assert (
        "Content-Security-Policy" in page and "http://" not in page.split("<script>")[0]
    )


def test_compare_reads_the_reviewed_incidents(tmp_path, article, capsys):
    a, b = tmp_path / "A", tmp_path / "B"
    a.mkdir(), b.mkdir()
    article.rename(a / "a1.md")
    (b / "b1.md").write_text((a / "a1.md").read_text("utf-8"), "utf-8")
    path = corrections(tmp_path / "c.csv", [{"quote": SHELLS, "type": "shelling",
                                             "action": "drop"}])  # fmt: skip
    assert main(["compare", str(a), str(b), "--corrections", path, "-q"]) == 0
    assert "matched 1, only in A 0, only in B 1" in capsys.readouterr().out
