"""course_site.editions: where the other edition is, and the {korean} role."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import pytest
from bs4 import BeautifulSoup

from course_site.editions import EDITIONS, other_edition_href, other_edition_root

if TYPE_CHECKING:
    from tests.course_site.conftest import TinyProject

RTD_KO: Final = "https://activation-functions.readthedocs.io/ko/latest/"


class TestSwitcherLinks:
    """The switcher's link is relative, locally and on Read the Docs."""

    @pytest.mark.parametrize(
        ("expected", "language", "environ"),
        [
            pytest.param("../en/", "ko", {}, id="local"),
            pytest.param(
                "../en/",
                "ko",
                {"READTHEDOCS_CANONICAL_URL": RTD_KO},
                id="canonical-url-without-rtd",
            ),
            pytest.param(
                "../../en/latest/",
                "ko",
                {"READTHEDOCS": "True", "READTHEDOCS_CANONICAL_URL": RTD_KO},
                id="rtd-ko",
            ),
            pytest.param(
                "../../ko/stable/",
                "en",
                {
                    "READTHEDOCS": "True",
                    "READTHEDOCS_CANONICAL_URL": "https://x.example/en/stable/",
                },
                id="rtd-en",
            ),
            pytest.param(
                "../../en/latest/",
                "ko",
                {
                    "READTHEDOCS": "True",
                    "READTHEDOCS_CANONICAL_URL": "https://example.org/docs/ko/latest/",
                },
                id="rtd-custom-domain-prefix",
            ),
        ],
    )
    def test_edition_root(
        self, expected: str, language: str, environ: dict[str, str]
    ) -> None:
        """The other edition's root is found beside this one, by language segment."""
        other = EDITIONS[language].other
        assert expected == other_edition_root(language, other, environ)

    def test_edition_root_unknown(self) -> None:
        """A canonical URL without the language segment gives no link (and a warning)."""
        environ = {
            "READTHEDOCS": "True",
            "READTHEDOCS_CANONICAL_URL": "https://activation-functions.readthedocs.io/",
        }
        assert other_edition_root("ko", "en", environ) is None

    @pytest.mark.parametrize(
        ("expected", "uri"),
        [
            ("../../en/latest/sigmoid.html", "sigmoid.html"),
            ("../../../en/latest/_modules/index.html", "_modules/index.html"),
        ],
    )
    def test_page_link(self, expected: str, uri: str) -> None:
        """A page's link climbs out of its folder, then into the other edition."""
        assert expected == other_edition_href(uri, "../../en/latest/")


class TestKoreanRole:
    """{korean} marks Korean words in an English page."""

    def test_span_with_lang(self, tiny_project: TinyProject) -> None:
        """The role's text becomes a <span lang="ko">."""
        page = "Title\n=====\n\nSaturation (Korean: :korean:`포화`).\n"
        build = tiny_project(
            {"index": page},
            extensions=["course_site.editions"],
            settings='language = "en"',
        )
        assert build.returncode == 0, build.log
        spans = BeautifulSoup(build.page(), "html.parser").select('span[lang="ko"]')
        assert [span.get_text() for span in spans] == ["포화"]
