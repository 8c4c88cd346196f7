"""Tests of the Korean search language (course_site/korean_search.py and .js).

The Python stemmer builds the search index, the JavaScript one stems what
readers type: they are compared word by word under node, and a tiny Sphinx
project is built and searched with the real ``searchtools.js``.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from sphinx.search.en import SearchEnglish

from course_site import korean_search
from course_site.korean_search import (
    CONDITIONS,
    ENDINGS,
    KOREAN_STOPWORDS,
    MIN_STEM_SYLLABLES,
    PARTICLES,
    PROTECTED_NOUNS,
    SearchKorean,
    strip_particles,
)

NODE = shutil.which("node") or "/usr/bin/node"
#: The folder that holds the course_site package (conf.py puts it on sys.path).
EXTENSIONS = Path(korean_search.__file__).resolve().parents[1]

# -- Word lists ----------------------------------------------------------------------

#: (word, stem of strip_particles) pairs; the id of each case is the word.
STRIP_CASES = [
    # the cases of the issue
    ("시그모이드는", "시그모이드"),
    ("시그모이드의", "시그모이드"),
    ("벡터를", "벡터"),
    ("함수의", "함수"),
    ("미분계수가", "미분계수"),
    ("활성화", "활성화"),
    ("함수를", "함수"),
    ("기울기가", "기울기"),
    ("기울기", "기울기"),
    ("출력층의", "출력층"),
    ("은닉층에서", "은닉층"),
    ("ReLU는", "relu"),
    # particles, alone and stacked
    ("은닉층에서는", "은닉층"),
    ("은닉층에서의", "은닉층"),
    ("출력층으로", "출력층"),
    ("출력층으로는", "출력층"),
    ("모델로", "모델"),
    ("함수로", "함수"),
    ("결과와", "결과"),
    ("입력값과", "입력값"),
    ("딥러닝은", "딥러닝"),
    ("구간이", "구간"),
    ("현상을", "현상"),
    ("기울기도", "기울기"),
    ("시그모이드보다는", "시그모이드"),
    ("시그모이드처럼", "시그모이드"),
    ("뉴런들의", "뉴런"),
    ("에포크마다", "에포크"),
    ("출력층까지", "출력층"),
    ("입력층부터", "입력층"),
    # the copula
    ("합성함수이다", "합성함수"),
    ("일차함수이다", "일차함수"),
    ("함수입니다", "함수"),
    ("선형변환이며", "선형변환"),
    ("출력층이라는", "출력층"),
    ("함수라는", "함수"),
    ("시그모이드라고", "시그모이드"),
    ("시그모이드인", "시그모이드"),
    ("최댓값인", "최댓값"),
    ("시그모이드나", "시그모이드"),
    ("출력층에서나", "출력층"),
    ("벡터라도", "벡터"),
    ("벡터라", "벡터"),
    ("스칼라", "스칼라"),
    ("스칼라를", "스칼라"),
    ("클래스일수록", "클래스"),
    ("양수라서", "양수"),
    ("비선형이어야", "비선형"),
    ("하나뿐", "하나"),
    ("이야기였습니다", "이야기"),
    ("약점이었던", "약점"),
    # endings of 하다, 되다, 시키다 and -적
    ("해결하면", "해결"),
    ("사용하는", "사용"),
    ("계산한다", "계산"),
    ("포화된다", "포화"),
    ("포화되어", "포화"),
    ("소실되는", "소실"),
    ("정의된", "정의"),
    ("가능한", "가능"),
    ("감소시키는", "감소"),
    ("학습됩니다", "학습"),
    ("학습시킵니다", "학습"),
    ("심각해집니다", "심각"),
    ("계산해", "계산"),
    ("설명하세요", "설명"),
    ("비선형적인", "비선형"),
    ("선형적으로", "선형"),
    ("효과적으로", "효과"),
    # two syllables stay
    ("벡터", "벡터"),
    ("차이", "차이"),
    ("차이가", "차이"),
    ("길이", "길이"),
    ("높이", "높이"),
    ("정의", "정의"),
    ("정의의", "정의"),
    ("결과", "결과"),
    ("속도", "속도"),
    ("정도", "정도"),
    ("저하", "저하"),
    ("저하는", "저하"),
    ("이하의", "이하"),
    # one-syllable nouns keep their particle (two syllables at least)
    ("값이", "값이"),
    ("층을", "층을"),
    # 이 after a vowel and 가 after a consonant belong to the noun
    ("어레이", "어레이"),
    ("넘파이가", "넘파이"),
    ("전문가", "전문가"),
    ("전문가가", "전문가"),
    # protected nouns are never cut in two
    ("정확도", "정확도"),
    ("정확도가", "정확도"),
    ("오메가", "오메가"),
    ("텐서플로로", "텐서플로"),
    ("속도저하는", "속도저하"),
    ("파이프라인", "파이프라인"),
    ("도메인의", "도메인"),
    # a particle-like syllable at the end of a common noun is not blamed
    ("과정의", "과정"),
    ("과정도", "과정"),
    ("문제로", "문제"),
    ("최적으로", "최적"),
    # a stem never ends in 으
    ("층으로", "층으로"),
    # after Latin letters and digits any particle goes
    ("dW의", "dw"),
    ("GAN과", "gan"),
    ("x를", "x"),
    ("tanh는", "tanh"),
    ("Softmax를", "softmax"),
    ("sigmoid보다는", "sigmoid"),
    ("0부터", "0"),
    # nothing to strip
    ("gradient", "gradient"),
    ("의", "의"),
    ("이다", "이다"),
]

#: (word, SearchKorean.stem) pairs where the English stemmer takes part.
STEM_CASES = [
    ("ReLU는", "relu"),
    ("saturation", "satur"),
    ("Saturation이", "satur"),
    ("gradients", "gradient"),
    ("gradient가", "gradient"),
    ("activation의", "activ"),
    ("activations", "activ"),
    ("Vanishing", "vanish"),
    ("update가", "updat"),
    ("시그모이드의", "시그모이드"),
    ("6주차에", "6주차"),
]

#: Course vocabulary of two or more syllables: every one is its own stem.
NOUNS = [
    "시그모이드",
    "벡터",
    "함수",
    "미분계수",
    "활성화",
    "활성화함수",
    "기울기",
    "출력층",
    "은닉층",
    "입력층",
    "딥러닝",
    "합성함수",
    "일차함수",
    "선형변환",
    "비선형성",
    "소프트맥스",
    "하이퍼볼릭",
    "탄젠트",
    "가중치",
    "편향",
    "뉴런",
    "노드",
    "레이어",
    "데이터",
    "손실함수",
    "역전파",
    "순전파",
    "경사하강법",
    "학습률",
    "도함수",
    "미분",
    "최댓값",
    "구간",
    "절반",
    "현상",
    "포화",
    "차이",
    "결과",
    "과정",
    "문제",
    "정의",
    "속도",
    "저하",
    "정확도",
    "어레이",
    "넘파이",
    "전문가",
    "오메가",
    "텐서플로",
    "모델",
    "레이블",
    "행렬",
    "자코비안",
    "교차엔트로피",
    "이진분류",
    "회귀",
    "확률",
    "그래프",
    "영역",
    "출력값",
    "원점",
    "스칼라",
]

_ANY = (
    "의",
    "에",
    "에서",
    "에서는",
    "에서의",
    "도",
    "만",
    "까지",
    "부터",
    "보다는",
    "처럼",
    "마다",
    "들의",
    "이다",
    "입니다",
    "이고",
    "이며",
)
_AFTER_CONSONANT = ("이", "은", "을", "과", "으로", "으로는", "이라는", "이나")
_AFTER_VOWEL = ("가", "는", "를", "와", "로", "로는", "라는", "라고")
_AFTER_RIEUL = ("이", "은", "을", "과", "로", "로는", "로서", "이라고")


def _final_slot(syllable: str) -> int:
    return (ord(syllable) - 0xAC00) % 28


def with_particles(noun: str) -> list[str]:
    """Return the noun with each particle that grammar allows after it."""
    final = _final_slot(noun[-1])
    if final == 0:
        own = _AFTER_VOWEL
    elif final == 8:
        own = _AFTER_RIEUL
    else:
        own = _AFTER_CONSONANT
    return [noun + particle for particle in (*own, *_ANY)]


ENGLISH_WORDS = [
    "gradient",
    "gradients",
    "descent",
    "saturation",
    "saturating",
    "vanishing",
    "activation",
    "activations",
    "function",
    "functions",
    "sigmoid",
    "relu",
    "leaky",
    "hyperbolic",
    "tangent",
    "softmax",
    "classification",
    "regression",
    "derivative",
    "derivatives",
    "nonlinear",
    "linearity",
    "neurons",
    "dying",
    "update",
    "updates",
    "weights",
    "layers",
]


def random_words(count: int, seed: int) -> list[str]:
    """Return `count` random Hangul, Latin and mixed words with suffixes."""
    rng = random.Random(seed)
    suffixes = sorted({*PARTICLES, *ENDINGS})
    pool = sorted(
        {char for text in (*suffixes, *NOUNS, *PROTECTED_NOUNS) for char in text}
    )
    latin = "abcxyzRLUWdg0123"
    words = []
    for _ in range(count):
        stem_length = rng.randint(1, 4)
        stem = ""
        for _ in range(stem_length):
            pick = rng.random()
            if pick < 0.6:
                stem += rng.choice(pool)
            elif pick < 0.85:
                stem += chr(rng.randint(0xAC00, 0xD7A3))
            else:
                stem += rng.choice(latin)
        word = stem + "".join(rng.choice(suffixes) for _ in range(rng.randint(0, 2)))
        if rng.random() < 0.1:
            word = unicodedata.normalize("NFD", word)
        words.append(word)
    return words


# -- Helpers -------------------------------------------------------------------------


def run_node(script: Path, *args: str, payload: object) -> object:
    """Run a node script with `payload` as JSON on stdin; return its JSON output."""
    result = subprocess.run(
        [NODE, str(script), *args],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    output: object = json.loads(result.stdout)
    return output


STEMMER_SCRIPT = """
const s = new Stemmer();
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
// searchtools.js lower-cases every query word before stemming it
const stems = words.map((w) => s.stemWord(w.toLowerCase()));
process.stdout.write(JSON.stringify(stems));
"""

#: Loads a built site's language_data.js, searchtools.js and searchindex.js as
#: a browser would (separate scripts, one global scope), then answers
#: {"split": [...], "stem": [...], "search": [...]} with the split words, the
#: stems and the docnames each query finds.
SITE_SCRIPT = """
const vm = require("vm");
const fs = require("fs");
globalThis.window = globalThis;
globalThis._ready = () => {};
globalThis._ = (text) => text; // Documentation.gettext of doctools.js
globalThis.SPHINX_HIGHLIGHT_ENABLED = false;
globalThis.document = { getElementById: () => null };
for (const file of process.argv.slice(2)) {
  vm.runInThisContext(fs.readFileSync(file, "utf8"), { filename: file });
}
const answer = vm.runInThisContext(`(request) => {
  const stemmer = new Stemmer();
  const search = (query) => {
    const [q, terms, excluded, highlight, objects] = Search._parseQuery(query);
    const results = Search._performSearch(q, terms, excluded, highlight, objects);
    return [...new Set(results.map((result) => result[0]))].sort();
  };
  return {
    split: request.split.map((text) => splitQuery(text)),
    stem: request.stem.map((word) => stemmer.stemWord(word.toLowerCase())),
    search: request.search.map(search),
  };
}`);
const request = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(answer(request)));
"""

PAGES = {
    "index": "Korean search test\n==================\n\n.. toctree::\n\n"
    "   alpha\n   beta\n   gamma\n   delta\n",
    "alpha": "Alpha\n=====\n\n시그모이드는 출력층에서 쓰인다.\n",
    "beta": "Beta\n====\n\n시그모이드의 미분계수가 작다. ReLU는 saturation을 피한다.\n",
    "gamma": "Gamma\n=====\n\n벡터를 입력으로 받는 활성화 함수를 생각한다. "
    "The gradient vanishes.\n",
    "delta": "Delta\n=====\n\n기울기가 0에 가까운 구간이 많다.\n",
}


def build_site(root: Path, *, language: str, extension: bool) -> Path:
    """Build the test pages with Sphinx (basic theme); return the output folder."""
    source = root / "source"
    source.mkdir(parents=True)
    extensions = ["course_site.korean_search"] if extension else []
    (source / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(EXTENSIONS)!r})\n"
        f"extensions = {extensions!r}\nlanguage = {language!r}\n"
        'html_theme = "basic"\n',
        encoding="utf-8",
    )
    for name, text in PAGES.items():
        (source / f"{name}.rst").write_text(text, encoding="utf-8")
    output = root / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-W", "-q", source, output],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return output


def load_index(output: Path) -> dict[str, object]:
    """Return the JSON object inside a built searchindex.js."""
    text = (output / "searchindex.js").read_text(encoding="utf-8")
    prefix, suffix = "Search.setIndex(", ")"
    assert text.startswith(prefix)
    assert text.endswith(suffix)
    index: object = json.loads(text[len(prefix) : -len(suffix)])
    assert isinstance(index, dict)
    return index


def pages_of(index: dict[str, object], term: str) -> list[str]:
    """Return the sorted docnames that the index's ``terms`` give for `term`."""
    terms = index["terms"]
    docnames = index["docnames"]
    assert isinstance(terms, dict)
    assert isinstance(docnames, list)
    found = terms.get(term, [])
    numbers = [found] if isinstance(found, int) else found
    return sorted(docnames[number] for number in numbers)


@pytest.fixture(scope="module")
def korean_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test pages built with language "ko" and the extension."""
    return build_site(tmp_path_factory.mktemp("ko"), language="ko", extension=True)


#: Script orders of the themes: Sphinx's basic search page loads
#: language_data.js first, pydata-sphinx-theme (under sphinx-book-theme) last.
SCRIPT_ORDERS = {
    "basic": ("_static/language_data.js", "_static/searchtools.js"),
    "pydata": ("_static/searchtools.js", "_static/language_data.js"),
}


@pytest.fixture(scope="module", params=sorted(SCRIPT_ORDERS))
def site_answers(
    request: pytest.FixtureRequest,
    korean_site: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, list[object]]:
    """Answers of the built Korean site's JavaScript under node (see SITE_SCRIPT)."""
    script = tmp_path_factory.mktemp("node") / "site.js"
    script.write_text(SITE_SCRIPT, encoding="utf-8")
    order: str = request.param
    files = [korean_site / name for name in (*SCRIPT_ORDERS[order], "searchindex.js")]
    answer = run_node(
        script,
        *map(str, files),
        payload={"split": SENTENCES, "stem": SITE_STEM_WORDS, "search": QUERIES},
    )
    assert isinstance(answer, dict)
    return answer


SENTENCES = [
    "시그모이드는 0과 1 사이의 값을 출력한다.",
    "ReLU(렐루)는 z>0에서 g'(z)=1이다.",
    "dW 의 감소 -> gradient descent가 잘 일어나지 않음",
    "활성화 함수를 — tanh는 (하이퍼볼릭 탄젠트)",
    "출력층의 activation function_name 3.5배",
]

SITE_STEM_WORDS = ["시그모이드는", "벡터를", "기울기가", "ReLU는", "saturation"]

#: (query, docnames it must find) against PAGES.
QUERY_CASES = [
    ("시그모이드", ["alpha", "beta"]),
    ("시그모이드는", ["alpha", "beta"]),
    ("시그모이드의", ["alpha", "beta"]),
    ("벡터", ["gamma"]),
    ("벡터를", ["gamma"]),
    ("출력층", ["alpha"]),
    ("미분계수", ["beta"]),
    ("기울기", ["delta"]),
    ("활성화 함수", ["gamma"]),
    ("시그모이드 미분계수", ["beta"]),
    ("ReLU", ["beta"]),
    ("relu를", ["beta"]),
    ("saturation", ["beta"]),
    ("saturated", ["beta"]),
    ("gradient", ["gamma"]),
    ("gradients", ["gamma"]),
]
QUERIES = [query for query, _ in QUERY_CASES]


@pytest.fixture(scope="module")
def js_stemmer_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A node script: SearchKorean.js_stemmer_code, then stems of stdin's words."""
    script = tmp_path_factory.mktemp("stemmer") / "stemmer.js"
    script.write_text(SearchKorean.js_stemmer_code + STEMMER_SCRIPT, encoding="utf-8")
    return script


def js_stems(script: Path, words: list[str]) -> list[str]:
    """Stem `words` with the JavaScript stemmer, as searchtools.js calls it."""
    stems = run_node(script, payload=words)
    assert isinstance(stems, list)
    assert len(words) == len(stems)
    return [str(stem) for stem in stems]


# -- Tests ---------------------------------------------------------------------------


class TestStripParticles:
    @pytest.mark.parametrize(
        ("word", "expected"), STRIP_CASES, ids=[word for word, _ in STRIP_CASES]
    )
    def test_known_words(self, word: str, expected: str) -> None:
        """Particles and endings go; the stem keeps two syllables or more."""
        assert expected == strip_particles(word)

    @pytest.mark.parametrize("noun", NOUNS)
    def test_noun_with_particle_has_the_nouns_stem(self, noun: str) -> None:
        """A course noun with any particle after it stems to the noun itself."""
        forms = with_particles(noun)
        assert {noun: noun} | dict.fromkeys(forms, noun) == {
            form: strip_particles(form) for form in [noun, *forms]
        }

    def test_decomposed_hangul(self) -> None:
        """Decomposed (NFD) Hangul gives the same stem as composed text."""
        word = unicodedata.normalize("NFD", "시그모이드는")
        expected = "시그모이드"
        assert word != "시그모이드는"
        assert expected == strip_particles(word)

    def test_idempotent(self) -> None:
        """Stemming a stem changes nothing."""
        words = [*random_words(2000, seed=7), *(word for word, _ in STRIP_CASES)]
        stems = [strip_particles(word) for word in words]
        assert stems == [strip_particles(stem) for stem in stems]

    def test_hangul_stems_keep_two_syllables(self) -> None:
        """A word of two or more syllables never stems to a single syllable."""
        words = [w for w in random_words(3000, seed=11) if len(w) >= 2]
        short = [
            word
            for word in words
            if len(stem := strip_particles(word)) < MIN_STEM_SYLLABLES
            and "\uac00" <= stem[-1] <= "\ud7a3"
            and len(unicodedata.normalize("NFC", word)) >= MIN_STEM_SYLLABLES
        ]
        assert not short, short

    def test_rule_tables_are_consistent(self) -> None:
        """Every suffix names a known condition and is Hangul in NFC."""
        suffixes = {**PARTICLES, **ENDINGS}
        unknown = set(suffixes.values()) - set(CONDITIONS)
        assert not unknown, unknown
        assert all(
            unicodedata.normalize("NFC", suffix) == suffix
            and all("\uac00" <= char <= "\ud7a3" for char in suffix)
            for suffix in suffixes
        )


class TestSearchKorean:
    @pytest.mark.parametrize(
        ("word", "expected"), STEM_CASES, ids=[word for word, _ in STEM_CASES]
    )
    def test_stem(self, word: str, expected: str) -> None:
        """Latin words are stemmed as English once the particle is gone."""
        assert expected == SearchKorean({}).stem(word)

    @pytest.mark.parametrize("word", ENGLISH_WORDS)
    def test_english_words_as_the_english_search(self, word: str) -> None:
        """An English word gets the stem that Sphinx's English search gives it."""
        assert SearchEnglish({}).stem(word) == SearchKorean({}).stem(word)

    def test_registered_language_code(self) -> None:
        """The class serves the language code "ko"."""
        expected = ("ko", "Korean")
        assert expected == (SearchKorean.lang, SearchKorean.language_name)

    def test_split_keeps_hangul_words(self) -> None:
        """The word splitter keeps Hangul words whole, particles attached."""
        expected = ["시그모이드는", "0과", "1", "ReLU", "렐루", "는", "값을"]
        assert expected == SearchKorean({}).split(
            "시그모이드는 0과 1 ReLU(렐루)는 값을"
        )

    def test_stopwords(self) -> None:
        """Particle-only tokens, English stopwords and numbers are not indexed."""
        search = SearchKorean({})
        assert set(PARTICLES) <= search.stopwords
        assert set(SearchEnglish.stopwords) <= search.stopwords
        indexed = [
            w
            for w in ("의", "이다", "에서", "및", "the", "is", "에서는", "0이고", "①과")
            if search.word_filter(w)
        ]
        assert not indexed, indexed

    def test_stopwords_spare_course_nouns(self) -> None:
        """No noun of the course vocabulary is a stopword."""
        common = set(NOUNS) & KOREAN_STOPWORDS
        assert not common, common


LISTED_WORDS = sorted(
    {word for word, _ in STRIP_CASES}
    | {word for word, _ in STEM_CASES}
    | set(ENGLISH_WORDS)
)


@pytest.fixture(scope="module")
def listed_js_stems(js_stemmer_script: Path) -> dict[str, str]:
    """The JavaScript stem of each of LISTED_WORDS (one node run)."""
    return dict(
        zip(LISTED_WORDS, js_stems(js_stemmer_script, LISTED_WORDS), strict=True)
    )


class TestJavaScriptStemmer:
    @pytest.mark.parametrize("word", LISTED_WORDS)
    def test_agrees_on_listed_words(
        self, word: str, listed_js_stems: dict[str, str]
    ) -> None:
        """The browser's stemmer gives the index's stem for each listed word."""
        assert SearchKorean({}).stem(word) == listed_js_stems[word]

    def test_agrees_on_nouns_with_particles(self, js_stemmer_script: Path) -> None:
        """The browser's stemmer agrees on every course noun with every particle."""
        words = [form for noun in NOUNS for form in [noun, *with_particles(noun)]]
        search = SearchKorean({})
        expected = [search.stem(word) for word in words]
        actual = js_stems(js_stemmer_script, words)
        mismatches = [
            (word, py, js)
            for word, py, js in zip(words, expected, actual, strict=True)
            if py != js
        ]
        assert not mismatches, mismatches

    def test_agrees_on_random_words(self, js_stemmer_script: Path) -> None:
        """The browser's stemmer agrees on 3000 random mixed words."""
        words = random_words(3000, seed=2025)
        search = SearchKorean({})
        expected = [search.stem(word.lower()) for word in words]
        actual = js_stems(js_stemmer_script, words)
        mismatches = [
            (word, py, js)
            for word, py, js in zip(words, expected, actual, strict=True)
            if py != js
        ]
        assert not mismatches, mismatches


class TestSphinxBuild:
    def test_terms_map_to_pages(self, korean_site: Path) -> None:
        """The index holds stems without particles, each with its pages."""
        index = load_index(korean_site)
        expected = {
            "시그모이드": ["alpha", "beta"],
            "벡터": ["gamma"],
            "출력층": ["alpha"],
            "미분계수": ["beta"],
            "relu": ["beta"],
            "satur": ["beta"],
            "gradient": ["gamma"],
            "기울기": ["delta"],
        }
        assert expected == {
            term: pages_of(index, term)
            for term in (
                "시그모이드",
                "벡터",
                "출력층",
                "미분계수",
                "relu",
                "satur",
                "gradient",
                "기울기",
            )
        }

    def test_no_particles_in_terms(self, korean_site: Path) -> None:
        """No indexed term still carries the particle of its page."""
        terms = load_index(korean_site)["terms"]
        assert isinstance(terms, dict)
        kept = {"시그모이드는", "시그모이드의", "벡터를", "relu는"} & set(terms)
        assert not kept, kept

    def test_language_data_has_the_korean_stemmer(self, korean_site: Path) -> None:
        """language_data.js carries the Korean stemmer and the Korean stopwords."""
        text = (korean_site / "_static" / "language_data.js").read_text(
            encoding="utf-8"
        )
        assert "var Stemmer = KoreanStemmer;" in text
        assert '"\\uc5d0\\uc11c"' in text or '"에서"' in text

    def test_built_stemmer_agrees(self, site_answers: dict[str, list[object]]) -> None:
        """The stemmer in the built language_data.js gives the index's stems."""
        search = SearchKorean({})
        assert [search.stem(word) for word in SITE_STEM_WORDS] == site_answers["stem"]

    def test_browser_splitter_matches_python(
        self, site_answers: dict[str, list[object]]
    ) -> None:
        """searchtools.js splits a query into the words the index was split into."""
        search = SearchKorean({})
        assert [search.split(text) for text in SENTENCES] == site_answers["split"]

    @pytest.mark.parametrize(
        ("query", "expected"), QUERY_CASES, ids=[query for query, _ in QUERY_CASES]
    )
    def test_search_finds_pages(
        self, query: str, expected: list[str], site_answers: dict[str, list[object]]
    ) -> None:
        """A query typed with or without a particle finds every page of its word."""
        assert expected == site_answers["search"][QUERIES.index(query)]

    def test_english_build_unchanged(self, tmp_path: Path) -> None:
        """With language "en" the extension changes neither index nor language data."""
        plain = build_site(tmp_path / "plain", language="en", extension=False)
        with_ext = build_site(tmp_path / "ext", language="en", extension=True)
        for name in ("searchindex.js", "_static/language_data.js"):
            assert (plain / name).read_bytes() == (with_ext / name).read_bytes(), name
        expected = ["beta"]
        assert expected == pages_of(load_index(with_ext), "시그모이드의")
