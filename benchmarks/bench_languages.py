"""Reading speed in each language: Thai and Russian articles per second per core.

    uv run python benchmarks/bench_languages.py [--articles 300] [--rounds 3]

Articles of about 1,500 characters are put together from sentences of each
language we wrote (strikes, clashes, counts with hedges, dates, shelters,
places at every level), varied by figure and place so no two are alike. The
baseline, in the same process and run, is the English seed articles: the
ratio says how the Thai and Russian reader compares with the English passes
on this machine today. One process, after a warm-up that builds the
gazetteers (timed apart).
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

THAI = [
    "จรวดตกใส่บ้านเรือนประชาชน ต.{sub} อ.{dist} จ.{prov} เมื่อวันที่ {day} ธ.ค.68 "
    "มีผู้เสียชีวิต {k} ราย บาดเจ็บอย่างน้อย {w} ราย",
    "ทหาร {k} นายเสียชีวิตจากการปะทะที่ อ.{dist} จ.{prov} เมื่อวานนี้ ตามรายงานของกองทัพภาคที่ 2",
    "ประชาชนกว่า {d},000 คนอพยพไปยังศูนย์พักพิงในจังหวัด{prov}",
    "ปืนใหญ่ยิงถล่มตามแนวชายแดน มีผู้บาดเจ็บ {w} ราย",
    "เครื่องบินรบโจมตีทางอากาศใส่ฐานที่มั่นฝั่งกัมพูชาเมื่อ {day} พฤศจิกายน 2568",
    "เจ้าหน้าที่ระบุว่ามีการเหยียบกับระเบิดที่ อ.{dist} ทหารบาดเจ็บ {w} นาย",
]
THAI_PLACES = [
    ("ภูผาหมอก", "กันทรลักษ์", "ศรีสะเกษ"),
    ("ตาเมียง", "พนมดงรัก", "สุรินทร์"),
    ("ด่าน", "กาบเชิง", "สุรินทร์"),
    ("ป่าไร่", "อรัญประเทศ", "สระแก้ว"),
]
RUSSIAN = [
    "В {region} погибли не менее {k} человек, ранены {w}.",
    "{day} сентября {place} подверглось обстрелу, сообщило МЧС.",
    "Более {d} тысяч жителей были эвакуированы из приграничных районов.",
    "По данным министерства обороны, в перестрелке ранены {w} военнослужащих.",
    "Около {d} тысяч человек покинули свои дома в {region}.",
    "Вчера {place} обстреляли из миномётов, погибли двое мирных жителей.",
]
RUSSIAN_PLACES = [
    ("Баткенской области", "село возле Исфары"),
    ("Согдийской области", "Исфара"),
    ("Тавушской области", "село в Тавуше"),
    ("Лейлекском районе", "Баткен"),
]


def _text(lang: str, n: int) -> str:
    sentences = THAI if lang == "th" else RUSSIAN
    out, i = [], n
    while sum(len(s) for s in out) < 1500:
        k, w, d, day = 1 + i % 7, 2 + i % 11, 2 + i % 40, 1 + i % 28
        template = sentences[i % len(sentences)]
        if lang == "th":
            sub, dist, prov = THAI_PLACES[(i // 3) % len(THAI_PLACES)]
            fields = {"sub": sub, "dist": dist, "prov": prov}
        else:
            region, place = RUSSIAN_PLACES[(i // 3) % len(RUSSIAN_PLACES)]
            fields = {"region": region, "place": place}
        out.append(template.format(k=k, w=w, d=d, day=day, **fields))
        i += 1
    return " ".join(out)


def articles(lang: str, count: int) -> list:
    """``count`` articles in ``lang`` (``en``: the seeds repeated)."""
    from bordermap.geo.records import Article

    if lang == "en":
        import bordermap

        base = bordermap.read_articles([ROOT / "seeds"])
        repeat = -(-count // len(base))
        every = [replace(a, id=f"{a.id}-{k}") for k in range(repeat) for a in base]
        return [replace(a, language="en") for a in every[:count]]
    return [
        Article(
            id=f"{lang}-{n:04d}",
            text=_text(lang, n),
            published=date(2025, 12, 14),
            language=lang,
        )
        for n in range(count)
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from bordermap.geo.extract.incidents import article_incidents
    from bordermap.geo.extract.native import native_gazetteer
    from bordermap.geo.places.gazetteer import load_gazetteer

    t0 = time.perf_counter()
    gazetteer = load_gazetteer()
    warm = {"en": time.perf_counter() - t0}
    for lang in ("th", "ru"):
        t0 = time.perf_counter()
        native_gazetteer(gazetteer, lang)
        warm[lang] = time.perf_counter() - t0
    sets = {lang: articles(lang, args.articles) for lang in ("en", "th", "ru")}
    for batch in sets.values():  # warm-up: caches of compiled words
        article_incidents(batch[0], gazetteer)
    best: dict[str, float] = {}
    found: dict[str, int] = {}
    chars: dict[str, float] = {}
    for _ in range(args.rounds):
        for lang, batch in sets.items():
            c0 = time.process_time()
            found[lang] = sum(len(article_incidents(a, gazetteer)) for a in batch)
            rate = len(batch) / (time.process_time() - c0)
            best[lang] = max(best.get(lang, 0.0), rate)
            chars[lang] = sum(len(a.text) for a in batch) / len(batch)
    print(f"{args.articles} articles per language, best of {args.rounds} rounds, CPU")
    for lang in ("en", "th", "ru"):
        print(
            f"{lang}: {best[lang]:.0f} articles/s per core, {chars[lang]:.0f} chars "
            f"per article, {found[lang]} incidents; names built in {warm[lang]:.2f} s"
        )
    for lang in ("th", "ru"):
        print(f"ratio {lang}/en, best CPU rate: {best[lang] / best['en']:.2f}")


if __name__ == "__main__":
    main()
