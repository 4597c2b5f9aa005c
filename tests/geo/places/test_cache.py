"""The built gazetteer kept on disk: read back equal to the one built, never stale."""

from __future__ import annotations

import pytest

from bordermap.geo.places import cache
from bordermap.geo.places.gazetteer import Gazetteer, _build_gazetteer, load_gazetteer


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERMAP_CACHE", str(tmp_path))
    return tmp_path


def test_the_gazetteer_read_back_is_the_one_built(folder):
    built = _build_gazetteer()
    cache.store("gazetteer", built.to_plain())
    (written,) = folder.glob("gazetteer-*.marshal")
    read = Gazetteer.from_plain(cache.load("gazetteer"))
    assert read.entries == built.entries
    assert read._index == built._index and read._short == built._short
    assert read._own == built._own and read._raw == built._raw
    assert read.countries == built.countries and read.demonyms == built.demonyms
    text = "Rockets hit Kap Choeng district of Surin and Kurram in Pakistan."
    assert read.find(text) == built.find(text)
    assert read.to_plain() == built.to_plain()
    assert written.stat().st_size > 1_000_000


def test_a_broken_file_is_built_anew_and_replaced(folder):
    cache.store("gazetteer", {"entries": []})
    (written,) = folder.glob("gazetteer-*.marshal")
    written.write_bytes(written.read_bytes()[:3])  # cut short
    assert cache.load("gazetteer") is None
    written.write_bytes(b"\x00not marshal")
    assert cache.load("gazetteer") is None


def test_older_files_are_dropped(folder):
    (folder / "gazetteer-0123456789abcdef01234567.marshal").write_bytes(b"old")
    cache.store("gazetteer", [1, 2, 3])
    assert [p.name.startswith("gazetteer-0123") for p in folder.iterdir()] == [False]
    assert cache.load("gazetteer") == [1, 2, 3]


@pytest.mark.parametrize("value", ["off", ""])
def test_the_cache_can_be_turned_off(monkeypatch, tmp_path, value):
    monkeypatch.setenv("BORDERMAP_CACHE", value)
    assert cache.cache_dir() is None
    cache.store("gazetteer", [1])
    assert cache.load("gazetteer") is None


def test_a_folder_that_cannot_be_written_is_no_error(monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    monkeypatch.setenv("BORDERMAP_CACHE", str(blocked / "sub"))
    cache.store("gazetteer", [1])  # no exception
    assert cache.load("gazetteer") is None
    assert load_gazetteer().lookup("Surin")  # the gazetteer is built all the same
