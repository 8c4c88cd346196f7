r"""Korean full-text search for Sphinx: particles and endings are stripped.

Sphinx ships no Korean search language, so with ``language = "ko"`` it falls
back to English: words are split on spaces and the particles (조사) stay
attached. A page that only says ``시그모이드는`` or ``시그모이드의`` is then not
found by the query ``시그모이드``, and ``벡터`` (two syllables: too short for
Sphinx's partial matching) finds nothing on a page that says ``벡터를``.

This extension registers :class:`SearchKorean` for the language code ``ko``
with :meth:`sphinx.application.Sphinx.add_search_language`. Its stemmer
removes trailing particles and the endings of 하다/되다/시키다 verbs and of
``-적`` adjectives, keeping at least two syllables of the stem; words written
in Latin letters (``ReLU는`` becomes ``relu``) are then stemmed exactly like
the English search (Sphinx's Snowball English stemmer), so the Korean edition
also finds the English terms the pages mix in (gradient, saturation).
Particle-only tokens (``dW 의``), English stopwords and numbers with a
particle (``0에서``) are not indexed.

The same rules run in the browser: :attr:`SearchKorean.js_stemmer_code` is
Sphinx's minified Snowball English stemmer, the rule tables of this module as
JSON, and ``korean_search.js`` (next to this file), which defines the
``Stemmer`` class that ``searchtools.js`` calls on every query word. Words
are split by Sphinx's default splitters (Python ``\w+``, JavaScript
``splitQuery``), which keep Hangul syllables together.

Enable it in ``conf.py`` with ``docs/_ext`` on ``sys.path`` and
``"course_site.korean_search"`` in ``extensions``; nothing changes for other
languages.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Final

import sphinx
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = [
    "CONDITIONS",
    "ENDINGS",
    "KOREAN_STOPWORDS",
    "MIN_STEM_SYLLABLES",
    "PARTICLES",
    "PROTECTED_NOUNS",
    "SearchKorean",
    "setup",
    "strip_particles",
]

__version__ = "1.0.0"

# -- Rule tables (shared with the JavaScript stemmer as JSON) ----------------------

#: What the syllable before a suffix must look like for the suffix to be removed.
#: ``"consonant"``: it has a final consonant (받침), as before 이/은/을/과/으로;
#: ``"vowel"``: it has none, as before 가/는/를/와; ``"vowel_or_rieul"``: none or
#: ㄹ, as before 로 (``함수로``, ``모델로``); ``"any"``: no condition. After a
#: Latin letter or a digit (``ReLU는``, ``GAN과``) every suffix may go.
CONDITIONS: Final = ("any", "consonant", "vowel", "vowel_or_rieul")

#: Particles (조사), including the copula 이다 and its forms, with the syllable
#: they need before them. Compounds (``에서는``, ``으로도``) need no entry:
#: suffixes are removed one after another.
PARTICLES: Final[Mapping[str, str]] = {
    # attach to any noun
    "의": "any",
    "에": "any",
    "에서": "any",
    "에게": "any",
    "에게서": "any",
    "한테": "any",
    "께서": "any",
    "까지": "any",
    "부터": "any",
    "보다": "any",
    "처럼": "any",
    "만큼": "any",
    "마다": "any",
    "조차": "any",
    "마저": "any",
    "밖에": "any",
    "도": "any",
    "만": "any",
    "뿐": "any",
    "들": "any",
    # the copula 이다: its 이 may stay after a vowel (합성함수이다, 함수이며)
    "이다": "any",
    "입니다": "any",
    "이고": "any",
    "이며": "any",
    "이면": "any",
    "이지만": "any",
    "이므로": "any",
    "이어서": "any",
    "이었다": "any",
    "이에요": "any",
    "이어야": "any",
    "이었던": "any",
    "이었습니다": "any",
    "인": "any",
    "인지": "any",
    "일수록": "any",
    # after a final consonant only (so 어레이, 차이 keep their 이)
    "이": "consonant",
    "은": "consonant",
    "을": "consonant",
    "과": "consonant",
    "으로": "consonant",
    "으로서": "consonant",
    "으로써": "consonant",
    "이랑": "consonant",
    # copula forms whose 이 drops after a vowel (함수라는, 함수나), so that
    # 어레이라는 is 어레이 + 라는
    "이라": "consonant",
    "이라는": "consonant",
    "이라고": "consonant",
    "이라면": "consonant",
    "이란": "consonant",
    "이라서": "consonant",
    "이라도": "consonant",
    "이나": "consonant",
    "이든": "consonant",
    # after a vowel only (so 전문가 keeps its 가)
    "가": "vowel",
    "는": "vowel",
    "를": "vowel",
    "와": "vowel",
    "랑": "vowel",
    "라는": "vowel",
    "라고": "vowel",
    "라면": "vowel",
    "란": "vowel",
    "라": "vowel",
    "라서": "vowel",
    "라도": "vowel",
    "나": "vowel",
    "든": "vowel",
    "였다": "vowel",
    "였던": "vowel",
    "였습니다": "vowel",
    "여야": "vowel",
    "예요": "vowel",
    # after a vowel or ㄹ
    "로": "vowel_or_rieul",
    "로서": "vowel_or_rieul",
    "로써": "vowel_or_rieul",
}

#: Endings of verbs and adjectives made from nouns: 하다 (계산하면 → 계산),
#: 되다 (포화된다 → 포화), 시키다, and the adjective suffix 적 (비선형적인 →
#: 비선형, 선형적으로 → 선형적 → 선형).
_ENDING_GROUPS: Final = {
    "하다": "하다 한다 하는 하면 하여 해 해서 해도 해야 해요 했다 했던 했습니다 "
    "하였다 하였습니다 하고 하며 하지 한 할 함 합니다 하세요 하겠습니다 하기 하게 "
    "하도록 하므로 하면서 하려면 할수록 하던 하다고 하다면",
    "해지다": "해지다 해진다 해지는 해지고 해지면 해지며 해지기 해진 해질 해져 해집니다",
    "되다": "되다 된다 되는 되어 돼 돼서 되면 되고 됐다 되었다 됐습니다 되었습니다 "
    "됩니다 되지 됨 될 된 되며 되기 되므로 되도록 되면서 되어야",
    "시키다": "시키다 시킨다 시키는 시키면 시키고 시키며 시키면서 시켜 시켰다 시킨 "
    "시킵니다",
    "-적 (的)": "적 적인",
}
ENDINGS: Final[Mapping[str, str]] = {
    ending: "any" for group in _ENDING_GROUPS.values() for ending in group.split()
}

#: Nouns that end like a particle or an ending, or whose last syllable starts
#: one: no suffix is removed that would cut into them (정확도 is not 정확 + 도,
#: and 속도저하는 is 속도저하 + 는, not 속도저 + 하는). A two-syllable noun needs
#: an entry only in the second case, since a stem keeps two syllables anyway;
#: its last syllable must not itself be a suffix (정의 would block 과정의).
_PROTECTED_GROUPS: Final = {
    "-도 (degree, measure)": "가능도 가속도 기여도 민감도 복잡도 신뢰도 유사도 자유도 "
    "정밀도 정확도 중요도 해상도",
    "loanwords ending in 인": "가이드라인 도메인 디자인 오프라인 온라인 파이프라인 플러그인",
    "other nouns ending like a particle": "스칼라 인프라 카메라 오메가 텐서플로 "
    "우극한 좌극한",
    "nouns ending in 하 (하는, 하다, ... are endings)": "강하 이하 저하",
}
PROTECTED_NOUNS: Final = frozenset(
    noun for group in _PROTECTED_GROUPS.values() for noun in group.split()
)

#: The fewest syllables a stem that ends in Hangul keeps (벡터를 → 벡터, but
#: 값이 stays 값이).
MIN_STEM_SYLLABLES: Final = 2

#: Tokens that are only a particle (``dW 의 감소``, ``$g'(z)$ 가``) or a
#: connective, never worth indexing or searching.
KOREAN_STOPWORDS: Final = frozenset(PARTICLES) | {
    "및",
    "또는",
    "그리고",
    "또한",
    "즉",
    "등",
}

_SUFFIXES: Final = tuple(
    sorted({**PARTICLES, **ENDINGS}.items(), key=lambda item: (-len(item[0]), item[0]))
)

# -- Hangul ----------------------------------------------------------------------

_HANGUL_FIRST: Final = 0xAC00  # 가
_HANGUL_LAST: Final = 0xD7A3  # 힣
_FINALS: Final = 28  # number of final-consonant slots, slot 0 = none
_RIEUL: Final = 8  # slot of the final ㄹ


def _is_hangul(char: str) -> bool:
    return _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST


def _final_slot(syllable: str) -> int:
    return (ord(syllable) - _HANGUL_FIRST) % _FINALS


def _condition_holds(condition: str, syllable: str) -> bool:
    final = _final_slot(syllable)
    if condition == "consonant":
        return final != 0
    if condition == "vowel":
        return final == 0
    if condition == "vowel_or_rieul":
        return final in {0, _RIEUL}
    return True


def _cuts_protected_noun(rest: str, suffix: str) -> bool:
    return any(
        rest.endswith(noun[:split]) and suffix.startswith(noun[split:])
        for noun in PROTECTED_NOUNS
        for split in range(1, len(noun))
    )


def _can_strip(word: str, suffix: str, condition: str) -> bool:
    rest = word[: len(word) - len(suffix)]
    if not rest or _cuts_protected_noun(rest, suffix):
        return False
    last = rest[-1]
    if _is_hangul(last):
        return (
            len(rest) >= MIN_STEM_SYLLABLES
            and last != "으"
            and _condition_holds(condition, last)
        )
    # After a Latin letter, a digit or another script's letter: no phonology to
    # check, and one character is stem enough (ReLU는, dW의, 0에서).
    return unicodedata.category(last)[0] in {"L", "N"}


def strip_particles(word: str) -> str:
    r"""Remove the particles and endings at the end of a Korean word.

    The word is NFC-normalised and lower-cased; then, while it ends in a Hangul
    syllable, the longest suffix of :data:`PARTICLES` or :data:`ENDINGS` that may
    go is removed. A suffix may go when what stays before it

    - is not empty and, if it ends in Hangul, keeps at least
      :data:`MIN_STEM_SYLLABLES` syllables, does not end in 으 and ends in a
      syllable that fits the suffix (이/은/을/과/으로 only after a final
      consonant, 가/는/를/와 only after a vowel, 로 after a vowel or ㄹ);
      after a Latin letter or a digit any suffix may go;
    - and no noun of :data:`PROTECTED_NOUNS` is cut in two.

    Parameters
    ----------
    word : str
        One token, as Sphinx's splitter gives it.

    Returns
    -------
    str
        The stem: lower case, NFC.

    Notes
    -----
    A Hangul syllable with code point :math:`c` has a final consonant when

    .. math::

        (c - \mathtt{AC00}_{16}) \bmod 28 \neq 0,

    and that consonant is ㄹ when the remainder is 8 (Unicode, ch. 3.12).
    Because suffixes are removed until none fits, a noun and the same noun
    with a particle get the same stem (``stem(noun + particle) == stem(noun)``),
    which is what lets a query find every form of a word.

    Examples
    --------
    >>> strip_particles("시그모이드는")
    '시그모이드'
    >>> [strip_particles(w) for w in ["벡터를", "기울기가", "은닉층에서", "ReLU는"]]
    ['벡터', '기울기', '은닉층', 'relu']
    >>> [strip_particles(w) for w in ["합성함수이다", "포화된다", "비선형적인"]]
    ['합성함수', '포화', '비선형']

    Two syllables stay, and a 이 that follows a vowel belongs to the noun:

    >>> [strip_particles(w) for w in ["차이", "차이가", "어레이", "값이"]]
    ['차이', '차이', '어레이', '값이']
    """
    current = unicodedata.normalize("NFC", word).lower()
    while current and _is_hangul(current[-1]):
        for suffix, condition in _SUFFIXES:
            if current.endswith(suffix) and _can_strip(current, suffix, condition):
                current = current[: len(current) - len(suffix)]
                break
        else:
            break
    return current


def _has_hangul(text: str) -> bool:
    return any(_is_hangul(char) for char in text)


# -- JavaScript --------------------------------------------------------------------

_SPHINX_STEMMERS: Final = Path(sphinx.package_dir, "search", "minified-js")
_KOREAN_JS: Final = Path(__file__).with_name("korean_search.js")


def _rules_json() -> str:
    rules = {
        "suffixes": [list(item) for item in _SUFFIXES],
        "protected": sorted(PROTECTED_NOUNS),
        "minStem": MIN_STEM_SYLLABLES,
    }
    # ASCII only: the rules are then safe in a script of any declared charset.
    return json.dumps(rules, ensure_ascii=True, sort_keys=True)


def _javascript() -> str:
    parts = [
        (_SPHINX_STEMMERS / "base-stemmer.js").read_text(encoding="utf-8"),
        (_SPHINX_STEMMERS / "english-stemmer.js").read_text(encoding="utf-8"),
        f"var KOREAN_SEARCH_RULES = {_rules_json()};",
        _KOREAN_JS.read_text(encoding="utf-8"),
    ]
    return "\n".join(parts)


# -- Search language ---------------------------------------------------------------


class SearchKorean(SearchLanguage):
    """Korean search: particles and endings stripped, Latin words stemmed as English.

    Parameters
    ----------
    options : dict of str to str
        ``html_search_options`` (unused; accepted as every Sphinx search
        language does).

    See Also
    --------
    strip_particles : The Korean half of :meth:`stem`.

    Examples
    --------
    >>> search = SearchKorean({})
    >>> [search.stem(w) for w in ["시그모이드의", "gradient가", "saturation"]]
    ['시그모이드', 'gradient', 'satur']
    >>> search.split("활성화 함수를 ReLU는")
    ['활성화', '함수를', 'ReLU는']
    >>> search.word_filter("의"), search.word_filter("the"), search.word_filter("벡터")
    (False, False, True)
    """

    lang = "ko"
    language_name = "Korean"
    stopwords = KOREAN_STOPWORDS | SearchEnglish.stopwords
    js_stemmer_code = _javascript()

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._english = SearchEnglish(options)

    def stem(self, word: str) -> str:
        """Return the search term for `word`.

        Parameters
        ----------
        word : str
            One token from :meth:`split`.

        Returns
        -------
        str
            :func:`strip_particles` of the word; if no Hangul is left, the
            English stem of that (as Sphinx's English search computes it).

        Examples
        --------
        >>> SearchKorean({}).stem("activations의")
        'activ'
        """
        stripped = strip_particles(word)
        if _has_hangul(stripped):
            return stripped
        return self._english.stem(stripped)

    def word_filter(self, word: str) -> bool:
        """Return whether `word` (a stem, or a word whose stem was rejected) is indexed.

        Sphinx indexes a word as it stands when its stem is rejected, so a
        number or a stopword with a particle (``0이고``, ``에서는``) would
        otherwise enter the index with the particle attached.

        Parameters
        ----------
        word : str
            A stem, or a word whose stem was rejected.

        Returns
        -------
        bool
            False for digits and stopwords, and for a word with Hangul whose
            stem is one of those.

        Examples
        --------
        >>> search = SearchKorean({})
        >>> [search.word_filter(w) for w in ["벡터", "42", "의", "0이고", "에서는"]]
        [True, False, False, False, False]
        """
        if not super().word_filter(word):
            return False
        return not _has_hangul(word) or super().word_filter(self.stem(word))


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register :class:`SearchKorean` for ``language = "ko"``.

    Parameters
    ----------
    app : sphinx.application.Sphinx
        The application.

    Returns
    -------
    ExtensionMetadata
        Version and parallel-safety flags.
    """
    app.add_search_language(SearchKorean)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
