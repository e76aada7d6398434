"""The pictures: deterministic PNGs at 200 dpi, legible circles with 40 persons (numbers or counts where names do
not fit), a layered genogram."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import subprocess
import sys

import pytest
from PIL import Image

from werkboek import figures, pictures
from werkboek.demo import large_case
from werkboek.workbook.model import Case, Record

D = dt.date(2025, 1, 10)
SECTORS = ("familie", "vrienden en buren", "school, werk en vrije tijd", "professioneel")
NAMES = ("Alexander", "Anna", "Mohammed", "Charlotte", "Jan", "Fien", "Wannes", "Kato", "Maximiliaan", "Lotte",
         "Noah", "Ella", "Ibrahim", "Nora", "Lucas", "Hélène", "Seppe", "Yasmina", "Arthur", "Liv", "Bart", "Ruth",
         "Oscar", "Mila", "Gilles", "Sien", "Robbe", "Amber", "Thibault", "Elise", "Jef", "Nour", "Vic", "Lena",
         "Stijn", "Marie-Louise", "Ilias", "Zita", "Ward", "Olivia")


def crowded_case(n: int = 40) -> Case:
    """n persons, most in the inner circle, spread over the four sectors as a large network would be."""
    case = Case.empty()
    case.dossier = Record("dossier", {"centrale_persoon": "P00"})
    case.tables["personen"].append(Record("personen", {"id": "P00", "voornaam": "Centraal", "sector": "familie"}))
    for i in range(1, n + 1):
        pid = f"P{i:02}"
        case.tables["personen"].append(Record("personen", {"id": pid, "voornaam": NAMES[i - 1],
                                                           "sector": SECTORS[i % 4]}))
        circle = (1, 1, 2, 3)[i % 4] if i % 3 else 2
        case.tables["cirkels"].append(Record("cirkels", {"datum": D, "moment": "start", "vraag": "belang",
                                                         "persoon": pid, "cirkel": circle}))
        case.tables["cirkels"].append(Record("cirkels", {"datum": D, "moment": "start", "vraag": "hulp",
                                                         "persoon": pid, "cirkel": 1 + i % 3}))
    return case


def test_pngs_are_deterministic_at_200_dpi(demo_case):
    for make in (lambda: pictures.circles_png(demo_case, "start"), lambda: pictures.circles_pair_png(demo_case),
                 lambda: pictures.genogram_png(demo_case, 2025)):
        first, second = make(), make()
        assert first == second
        image = Image.open(io.BytesIO(first))
        assert image.format == "PNG"
        assert round(image.info["dpi"][0]) == pictures.DPI
    assert (Image.open(io.BytesIO(pictures.circles_pair_png(demo_case))).size
            == (10 * pictures.DPI, round(5.7 * pictures.DPI)))


def test_forty_persons_all_placed_without_overlap():
    case = crowded_case()
    markers = pictures.circle_layout(case, "start", "belang", 5.0)
    assert sorted(m.id for m in markers) == [f"P{i:02}" for i in range(1, 41)]
    for a, b in itertools.combinations(markers, 2):
        assert not pictures.overlap(a.rect, b.rect, gap=0), (a.name, b.name)
    assert min(m.size for m in markers) >= 5.5  # printed points: still legible


def test_each_marker_sits_in_its_own_ring_and_sector():
    case = crowded_case()
    persons = case.by_id("personen")
    bounds = (pictures.CENTRE, *pictures.RINGS)
    for m in pictures.circle_layout(case, "start", "belang", 6.0):
        r = (m.x**2 + (m.y + 4 / (6.0 * 72 / (2 * pictures.LIMIT))) ** 2) ** 0.5  # the marker itself
        assert bounds[m.circle - 1] < r < bounds[m.circle], m.name
        sector = SECTORS.index(persons[m.id]["sector"])
        quadrant = {(False, True): 0, (False, False): 1, (True, False): 2, (True, True): 3}[(m.x > 0, m.y > 0)]
        assert quadrant == sector, m.name  # sectors run anticlockwise from the top


def test_colour_and_shape_follow_informal_and_help():
    case = crowded_case(8)
    case.tables["personen"][4].values["formeel"] = "formeel"  # P04, a family member, formal by override
    markers = {m.id: m for m in pictures.circle_layout(case, "start", "belang", 6.0)}
    assert not markers["P04"].informal and not markers["P03"].informal  # P03: sector professioneel
    assert markers["P01"].informal
    assert markers["P01"].help == 2 and markers["P02"].help == 3 and markers["P03"].help == 1


def test_awkward_names_and_no_measurement_still_draw():
    case = crowded_case(3)
    case.tables["personen"][1].values["voornaam"] = "Jan $x^2$ & <Co> 😊"
    assert pictures.circles_png(case, "start").startswith(b"\x89PNG")
    assert pictures.circles_png(case, "einde").startswith(b"\x89PNG")  # "nog geen meting"
    assert pictures.genogram_png(Case.empty(), 2025).startswith(b"\x89PNG")


def test_first_names_get_an_initial_when_they_repeat():
    people = [Record("personen", {"id": "P1", "voornaam": "An", "achternaam": "Peeters"}),
              Record("personen", {"id": "P2", "voornaam": "An", "achternaam": "Janssens"}),
              Record("personen", {"id": "P3", "voornaam": "Tom"})]
    assert pictures.first_names(people) == {"P1": "An P.", "P2": "An J.", "P3": "Tom"}


def test_genogram_generations_partners_and_children(demo_case):
    layout = pictures.genogram_layout(demo_case)
    x, y = layout.x, layout.y
    # Three generations (and a great-grandmother) in rows, the central person's row lowest.
    assert y["P07"] == y["P08"] == y["P09"] == y["P10"] > y["P02"] == y["P03"] == y["P04"] > y["P01"]
    assert y["P16"] > y["P10"]
    # Ayşe sits between her ex Kristof and her partner Marc, each on their own family's side.
    assert sorted([x["P03"], x["P02"], x["P04"]])[1] == x["P02"]
    assert {frozenset((a, b)) for a, b, _ in layout.couples} >= {frozenset(("P02", "P03")), frozenset(("P02", "P04"))}
    assert ("ex-partners" in {k for a, b, k in layout.couples if {a, b} == {"P02", "P03"}})
    # Children hang from their parents; siblings of one couple are neighbours in the row.
    assert set(layout.parents["P01"]) == {"P02", "P03"}
    assert set(layout.parents["P06"]) == {"P02", "P04"}
    row = sorted((v, k) for k, v in x.items() if y[k] == y["P02"])
    for a, b in itertools.pairwise(row):
        assert b[0] - a[0] >= pictures.COUPLE - 1e-9  # no two symbols on top of each other
    # Conflict and broken ties are kept to be marked.
    assert {r["kwaliteit"] for r in layout.ties} == {"conflict", "verbroken"}
    # Friends and professionals are not in the genogram.
    assert "P17" not in x and "P25" not in x


def test_importing_the_pictures_does_not_load_matplotlib():
    code = "import sys, werkboek.pictures; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_ring_too_full_for_names_shows_numbers_named_in_the_legend():
    case = large_case(200)
    numbers: dict[str, int] = {}
    layout = pictures.network_layout(case, "start", "belang", 5.3, numbers, pictures.circles.SINGLE_ROOM)
    numbered = [m for m in layout.markers if m.number is not None]
    assert numbered and {m.id: m.number for m in numbered} == numbers
    assert sorted(numbers.values()) == list(range(1, len(numbers) + 1))
    for a, b in itertools.combinations(layout.markers, 2):
        assert not pictures.overlap(a.rect, b.rect, gap=0), (a.name, b.name)
    placed = figures.measurement(case, "start", "belang")
    assert len(layout.markers) + sum(c.persons for c in layout.crowds) == len(placed)
    png = pictures.circles_png(case, "start")
    assert png == pictures.circles_png(case, "start")
    assert Image.open(io.BytesIO(png)).size[0] == round(6.6 * pictures.DPI)  # the page's width, for the legend


@pytest.fixture(scope="module")
def huge() -> Case:
    return large_case(5000)


def test_five_thousand_persons_draw_as_counts(huge):
    layout = pictures.network_layout(huge, "einde", "belang", 5.0, {}, pictures.circles.PAIR_ROOM)
    assert layout.crowds and not layout.markers  # no cell has room for 400 names or numbers
    assert sum(c.persons for c in layout.crowds) == len(figures.measurement(huge, "einde", "belang"))
    assert pictures.circles_pair_png(huge).startswith(b"\x89PNG")


def test_a_large_family_without_ties_leaves_the_untied_out_of_the_genogram(huge, demo_case):
    untied = pictures.genogram_layout(huge)
    assert untied.left_out > 1000 and set(untied.x) == set(pictures.genogram_layout(demo_case).x)
    assert pictures.genogram_layout(demo_case).left_out == 0
    assert pictures.genogram_png(huge, 2025).startswith(b"\x89PNG")
