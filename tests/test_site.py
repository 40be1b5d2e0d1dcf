"""The static site: every herniation and root has its page, links hold, text is escaped, and a
failed run leaves the previous site; then the pages in a real headless browser (Chromium)."""

from __future__ import annotations

import os
import shutil
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from spinekg.cli import main
from spinekg.kernel.errors import QueryError
from spinekg.querying.runner import EmbeddedRunner
from spinekg.querying.store import embedded
from spinekg.site import write_site
from spinekg.site import writer as site_writer
from spinekg.site.writer import SiteError, _entities, _Entity, _environment, _muscle_roots
from tests.servers import start_serve, stop

#: Where the browser test leaves its screenshots (the build folder is not committed).
SCREENSHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(tiny_release: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = CliRunner().invoke(main, ["site", "--dist", str(tiny_release), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src", "xlink:href"):
            if values.get(name):
                self.links.append(str(values[name]))
        if values.get("id"):
            self.ids.add(str(values["id"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_a_page_per_herniation_and_root_and_no_broken_link(site: Path) -> None:
    assert sorted(p.name for p in (site / "root").glob("*.html")) == [
        "root-L4.html",
        "root-L5.html",
        "root-S1.html",
    ]
    herniations = {p.stem for p in (site / "herniation").glob("*.html")}
    assert len(herniations) == 10 and "herniation-L4-L5-paracentral" in herniations
    pages = sorted(site.rglob("*.html"))
    parsed_pages = {page: _parse(page) for page in pages}
    broken = []
    for page, parsed in parsed_pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme:  # codes link out to their registries
                assert parts.scheme in {"data", "http", "https"}, (page, link)
                continue
            if link == "/":  # the endpoint's SPARQL page, shown when `spinekg serve` serves it
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment and parts.fragment not in parsed_pages[target].ids:
                broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert broken == []
    assert len(pages) > 300


def test_the_l4_l5_page_draws_its_chain_and_cites_its_sources(site: Path) -> None:
    page = (site / "herniation" / "herniation-L4-L5-paracentral.html").read_text("utf-8")
    assert page.count("<svg") == 1 and "extensor hallucis longus" in page
    # the diagram's boxes link to their pages
    assert 'xlink:href="../root/root-L5.html"' in page
    parsed = _parse(site / "herniation" / "herniation-L4-L5-paracentral.html")
    text = " ".join(" ".join(parsed.text).split())
    assert "Compresses L5 nerve root (principal)" in text
    assert "L5 nerve root innervates extensor hallucis longus principal" in text
    root = " ".join(" ".join(_parse(site / "root" / "root-L5.html").text).split())
    assert "Lesions that compress it" in root and "L4-L5 paracentral herniation (principal)" in root


def test_every_page_escapes_what_it_prints() -> None:
    env = _environment()
    odd = '<script>alert("x")</script> & co'
    html = env.get_template("entity.html").render(
        up="../",
        here="entity/x.html",
        sparql_page=None,
        entity=_Entity("https://w3id.org/spinekg/x", odd),
        link=lambda _iri, _here: None,
        described={"definition": odd},
        synonyms=[odd],
        broader=[],
        codes=[],
        claims=[],
        claims_to=[],
        muscle_roots=[],
    )
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co") == 4


def test_a_failed_run_leaves_the_previous_site(
    site: Path, tiny_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    shutil.copytree(site, out)
    before = (out / "index.html").read_bytes()

    def fails(*_args: object, **_kwargs: object) -> object:
        raise QueryError("the store went away")

    monkeypatch.setattr(site_writer, "explain", fails)
    result = CliRunner().invoke(main, ["site", "--dist", str(tiny_release), "--out", str(out)])
    assert (result.exit_code, result.output) == (1, "error: the store went away\n")
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no half-written folder
    assert (out / "spinekg-site.json").is_file()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(main, ["site", "--dist", str(tiny_release), "--out", str(mine)])
    assert (result.exit_code, result.output) == (
        1,
        f"error: {mine} is not a spinekg site (it has no spinekg-site.json): give a new or "
        "empty folder, or the folder of an earlier site, which is replaced\n",
    )
    assert (mine / "notes.txt").read_text() == "keep me"
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(SiteError, match=r"^cannot write the site to .*/file/site: "):
        write_site(embedded(tiny_release), blocked / "site")


def _pages_to_open(site: Path) -> list[Path]:
    """Every herniation and root page, the top pages, and three pages of every other section
    (they share one template; the link check above reads every page)."""
    pages = [*site.glob("*.html"), *site.glob("herniation/*.html"), *site.glob("root/*.html")]
    for folder in sorted(p for p in site.iterdir() if p.is_dir()):
        if folder.name not in {"herniation", "root", "static"}:
            pages += sorted(folder.glob("*.html"))[:3]
    return sorted(pages)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_every_page_in_a_real_browser(site: Path, tiny_release: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on(
            "console",
            lambda m: (
                problems.append(f"{page.url}: {m.text}") if m.type in {"error", "warning"} else None
            ),
        )
        page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"{page.url}: failed {r.url}"))
        for path in _pages_to_open(site):
            page.goto(path.as_uri())
        assert problems == []
        # the diagram renders: a drawn SVG with the chain's boxes in it
        page.goto((site / "herniation" / "herniation-L4-L5-paracentral.html").as_uri())
        box = page.locator("figure.diagram svg").bounding_box()
        assert box is not None and box["width"] > 500 and box["height"] > 500
        labels = page.locator("figure.diagram svg g.node text").all_text_contents()
        assert {"L4-L5 paracentral herniation", "L5 nerve root", "great toe extension"} <= set(
            labels
        )
        page.screenshot(path=str(SCREENSHOTS / "herniation-L4-L5-paracentral.png"), full_page=True)
        # a box of the diagram is a link to its page
        page.locator("figure.diagram svg g.node a").filter(has_text="L5 nerve root").first.click()
        assert page.url.endswith("/root/root-L5.html")
        page.screenshot(path=str(SCREENSHOTS / "root-L5.png"), full_page=True)
        # the search works offline, from any page
        page.fill("form.search input", "hallucis")
        hits = page.locator("form.search .hits a").all_text_contents()
        assert "extensor hallucis longus" in hits
        page.goto((site / "search.html").as_uri() + "?q=L5%20root")
        assert page.locator("#results li").all_text_contents() == [
            "L5 nerve root (L5 root) spine:root-L5",  # a synonym, exactly
            "L5 radiculopathy (L5 nerve root compression) spine:radiculopathy-L5",
        ]
        page.goto((site / "search.html").as_uri() + "?q=ankle+jerk")
        assert page.locator("#results a").all_text_contents()[:3] == [
            "Achilles reflex",  # by its synonym
            "absent reflex",
            "diminished reflexes",
        ]
        # served by `spinekg serve --site`, every page links to the page for asking SPARQL
        base, server = start_serve(tiny_release, "--site", str(site))
        try:
            home = urllib.request.urlopen(f"{base}/", timeout=10).read().decode()
            assert "<a href='/site/index.html'>its pages</a>" in home
            page.goto(f"{base}/site/herniation/herniation-L4-L5-paracentral.html")
            assert page.locator("figure.diagram svg g.node").count() > 20
            page.get_by_role("link", name="SPARQL").click()
            assert page.url == f"{base}/" and page.locator("h2").inner_text() == "Ask SPARQL"
        finally:
            stop(server)
        assert problems == []
        browser.close()
    assert os.path.getsize(SCREENSHOTS / "root-L5.png") > 10_000


def test_serve_takes_only_a_site(tmp_path: Path, tiny_release: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--site", str(tmp_path), "--dist", str(tiny_release)]
    )
    assert (result.exit_code, result.output) == (
        1,
        f"error: {tmp_path} is not a spinekg site (it has no spinekg-site.json); "
        f"`spinekg site --out {tmp_path}` writes one\n",
    )


def test_a_muscle_page_sets_the_roots_sources_give_side_by_side(runner: EmbeddedRunner) -> None:
    import pyoxigraph as ox

    from spinekg.querying.catalog import rows

    site = _entities(runner)
    disputes = {(r["muscle"], r["root"]): r for r in rows(runner, "disputed_innervation")}
    muscle = ox.NamedNode("https://w3id.org/spinekg/muscle-tibialis-posterior")
    roots = {r.label: r for r in _muscle_roots(runner, muscle, disputes, site)}
    assert sorted(roots) == ["L4 nerve root", "L5 nerve root", "S1 nerve root"]
    assert roots["L5 nerve root"].principal and not roots["L5 nerve root"].disputed
    assert roots["S1 nerve root"].disputed and "ditki gives L5-S1" in roots["S1 nerve root"].note
    assert (
        "https://w3id.org/spinekg/herniation-L4-L5-paracentral",
        "L4-L5 paracentral herniation",
    ) in roots["L5 nerve root"].herniations
