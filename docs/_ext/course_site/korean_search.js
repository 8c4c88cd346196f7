/*
 * Korean search stemmer for Sphinx's searchtools.js (course_site.korean_search).
 *
 * The JavaScript twin of strip_particles() and SearchKorean.stem() in
 * korean_search.py: both must give the same stem for every word, or a query
 * misses pages (tests/course_site/test_korean_search.py runs both on the same
 * words).
 *
 * korean_search.py puts this file into language_data.js after Sphinx's
 * minified BaseStemmer/EnglishStemmer and after the rule tables:
 *
 *   var KOREAN_SEARCH_RULES = {
 *     suffixes: [[suffix, condition], ...],  // longest first
 *     protected: [noun, ...],                // never cut in two
 *     minStem: 2                             // syllables kept before a suffix
 *   };
 *
 * searchtools.js lower-cases each query word and calls
 * `new Stemmer().stemWord(word)`.
 */
var KoreanStemmer = function () {
  "use strict";

  var HANGUL_FIRST = 0xac00; // 가
  var HANGUL_LAST = 0xd7a3; // 힣
  var FINALS = 28; // final-consonant slots per syllable, slot 0 = none
  var RIEUL = 8; // slot of the final ㄹ
  var LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u; // Python: category L* or N*

  var rules = KOREAN_SEARCH_RULES;
  var english = new EnglishStemmer();

  // Work on code points, as Python does, not on UTF-16 units.
  var codePoints = function (text) {
    return Array.from(text);
  };

  var isHangul = function (ch) {
    var code = ch.codePointAt(0);
    return code >= HANGUL_FIRST && code <= HANGUL_LAST;
  };

  var hasHangul = function (text) {
    return codePoints(text).some(isHangul);
  };

  var conditionHolds = function (condition, syllable) {
    var slot = (syllable.codePointAt(0) - HANGUL_FIRST) % FINALS;
    if (condition === "consonant") return slot !== 0;
    if (condition === "vowel") return slot === 0;
    if (condition === "vowel_or_rieul") return slot === 0 || slot === RIEUL;
    return true;
  };

  // True when removing `suffix` after `rest` would cut a protected noun in two.
  var cutsProtectedNoun = function (rest, suffix) {
    return rules.protected.some(function (noun) {
      for (var split = 1; split < noun.length; split++) {
        if (
          rest.endsWith(noun.slice(0, split))
          && suffix.startsWith(noun.slice(split))
        )
          return true;
      }
      return false;
    });
  };

  var canStrip = function (word, suffix, condition) {
    var restText = word.slice(0, word.length - suffix.length);
    if (restText === "" || cutsProtectedNoun(restText, suffix)) return false;
    var rest = codePoints(restText);
    var last = rest[rest.length - 1];
    if (isHangul(last)) {
      return (
        rest.length >= rules.minStem
        && last !== "\uc73c" // 으
        && conditionHolds(condition, last)
      );
    }
    return LETTER_OR_NUMBER.test(last);
  };

  var endsInHangul = function (word) {
    var points = codePoints(word);
    return points.length > 0 && isHangul(points[points.length - 1]);
  };

  var stripParticles = function (word) {
    var current = String(word).normalize("NFC").toLowerCase();
    while (endsInHangul(current)) {
      var stripped = false;
      for (var i = 0; i < rules.suffixes.length; i++) {
        var suffix = rules.suffixes[i][0];
        var condition = rules.suffixes[i][1];
        if (current.endsWith(suffix) && canStrip(current, suffix, condition)) {
          current = current.slice(0, current.length - suffix.length);
          stripped = true;
          break;
        }
      }
      if (!stripped) break;
    }
    return current;
  };

  this.stripParticles = stripParticles;

  this.stemWord = function (word) {
    var stripped = stripParticles(word);
    return hasHangul(stripped) ? stripped : english.stemWord(stripped);
  };
};

var Stemmer = KoreanStemmer;
