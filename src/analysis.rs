//! Text analysis: the tokenizers the schema names, registered on every index we open.
//!
//! Prose is indexed once, as `words_and_stems`: each word as written (lower-cased), for phrases
//! and prefixes, and where its stem differs, the stem, marked, at the same position, for words
//! searched alone. Questions and responses also hold, in the same pass, the pairs of adjacent
//! common words (`words_stems_and_pairs`), which make quoted phrases of them fast. `en_stem`
//! keeps tantivy's definition (simple tokenizer, long tokens dropped, lower case, Snowball
//! English stems), for the item's setting, which only words search. Both stemmers remember the
//! words they have stemmed: minutes repeat a small vocabulary, and stemming every token afresh
//! was a fifth of the indexing time.

use crate::pair_words::PairWords;
use rustc_hash::FxHashMap as HashMap;
use tantivy::tokenizer::{
    TextAnalyzer, TextAnalyzerBuilder, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

/// The stemming analyzer for prose.
pub const STEMMED: &str = "en_stem";
/// Lower-cased words, no stemming: names of councils, committees and people.
pub const WORDS: &str = "default";
/// Prose: each word as `WORDS` gives it, for exact phrases and prefixes, and its `STEMMED`
/// stem at the same position, marked, where the two differ ([`words_and_stems_analyzer`]).
pub const WORDS_AND_STEMS: &str = "words_and_stems";
/// Questions and responses: `WORDS_AND_STEMS`, and after each word the pair it makes with the
/// word before, where the index holds their pairs ([`words_stems_and_pairs_analyzer`]).
pub const WORDS_STEMS_AND_PAIRS: &str = "words_stems_and_pairs";

/// What a stem indexed next to its word starts with, so that no word equals it: `WORDS`
/// tokens are letters and digits only.
pub const STEM_MARK: char = '\u{1}';

/// Longest token kept, in bytes (tantivy's own limit for `en_stem`).
const MAX_TOKEN_BYTES: usize = 40;
/// Words remembered per analyzer, at most. Word frequencies fall steeply (Zipf), so the first
/// words met are the frequent ones: once full, the cache keeps them and stems rarer words
/// afresh. An index run holds one analyzer per stemmed field and indexing thread (ten on two
/// cores); at 100,000 words each they came to 150 MB, at 30,000 to about 40 MB.
const CACHE_WORDS: usize = 30_000;

/// Registers scrutiny's analyzers on `index`, indexing the pairs of `pair_words`; call before
/// searching or writing.
pub fn register(index: &Index, pair_words: &PairWords) {
    index.tokenizers().register(STEMMED, stemming_analyzer());
    index
        .tokenizers()
        .register(WORDS_AND_STEMS, words_and_stems_analyzer());
    index.tokenizers().register(
        WORDS_STEMS_AND_PAIRS,
        words_stems_and_pairs_analyzer(pair_words.clone()),
    );
}

/// `WORDS_STEMS_AND_PAIRS`: `WORDS_AND_STEMS`, and after each word, the pair it makes with the
/// word before it ("mental health" after "health"), at the first word's position and over both
/// words, where the two are adjacent and `words` holds both. A quoted two-word phrase is then
/// one term, found in its posting list, instead of a check of both words' positions in every
/// record holding both; on a million exchanges that was most of a common phrase's search time.
/// A pair holds a space, which no word or stem does ([`is_pair`]).
///
/// The pairs were a field of their own, whose analyzer read the text a second time: on 3,000
/// copies of the seed that second pass was 14% of an index run's instructions (callgrind).
pub fn words_stems_and_pairs_analyzer(words: PairWords) -> TextAnalyzer {
    lower_case_words()
        .filter(CachedStemmer { keep_words: true })
        .filter(WithPairs { words })
        .build()
}

/// `WORDS`: simple tokens, long ones dropped, lower-cased (tantivy's `default`).
pub fn words_analyzer() -> TextAnalyzer {
    lower_case_words().build()
}

/// Simple tokens, long ones dropped, lower-cased: `WORDS` (tantivy's `default`), which the
/// stemmer and the pairs start from.
fn lower_case_words() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(LowerWords::default())
}

/// tantivy's `SimpleTokenizer`, `RemoveLongFilter::limit(MAX_TOKEN_BYTES)` and `LowerCaser` in
/// one pass, with the same tokens, positions and offsets (a test holds them together): runs of
/// alphanumeric characters, each copied once, lower-cased as it is copied, and those of
/// [`MAX_TOKEN_BYTES`] or more as written dropped, leaving a gap in the positions. ASCII text,
/// most of minutes, never decodes a character here. Chained, the three held about a tenth of the
/// samples of an index run on the seed's layout; in one pass the run used about 2% less CPU.
#[derive(Clone, Default)]
pub struct LowerWords {
    token: Token,
}

impl Tokenizer for LowerWords {
    type TokenStream<'a> = LowerWordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> LowerWordsStream<'a> {
        self.token.reset();
        LowerWordsStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

pub struct LowerWordsStream<'a> {
    text: &'a str,
    /// Where to look for the next word.
    at: usize,
    token: &'a mut Token,
}

impl LowerWordsStream<'_> {
    /// The character at byte `at` (a character boundary) and its length, if it is alphanumeric.
    fn alphanumeric_at(&self, at: usize) -> Option<usize> {
        let b = self.text.as_bytes()[at];
        if b.is_ascii() {
            return b.is_ascii_alphanumeric().then_some(1);
        }
        let c = self.text[at..].chars().next()?;
        c.is_alphanumeric().then(|| c.len_utf8())
    }

    /// The length of the character at byte `at` (a character boundary).
    fn char_len(&self, at: usize) -> usize {
        match self.text.as_bytes()[at] {
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        }
    }
}

impl TokenStream for LowerWordsStream<'_> {
    fn advance(&mut self) -> bool {
        let len = self.text.len();
        loop {
            // The next word's start...
            while self.at < len && self.alphanumeric_at(self.at).is_none() {
                self.at += self.char_len(self.at);
            }
            if self.at >= len {
                self.token.text.clear();
                return false;
            }
            let start = self.at;
            // ... and end.
            while let Some(n) = (self.at < len)
                .then(|| self.alphanumeric_at(self.at))
                .flatten()
            {
                self.at += n;
            }
            self.token.position = self.token.position.wrapping_add(1);
            if self.at - start >= MAX_TOKEN_BYTES {
                continue;
            }
            let word = &self.text[start..self.at];
            self.token.offset_from = start;
            self.token.offset_to = self.at;
            self.token.text.clear();
            if word.is_ascii() {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                // As `LowerCaser` does: each character on its own (no final sigma).
                self.token
                    .text
                    .extend(word.chars().flat_map(char::to_lowercase));
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The term a pair of words is indexed as.
pub fn pair_term(first: &str, second: &str) -> String {
    let mut term = String::with_capacity(first.len() + 1 + second.len());
    push_pair_term(&mut term, first, second);
    term
}

/// What joins a pair's two words: a space, which no word or stem holds ([`is_pair`]).
const PAIR_SEPARATOR: char = ' ';

/// Writes the term of the pair `first second` at the end of `out`.
fn push_pair_term(out: &mut String, first: &str, second: &str) {
    out.push_str(first);
    out.push(PAIR_SEPARATOR);
    out.push_str(second);
}

/// Simple tokens, long ones dropped, lower-cased, stemmed (English), with a stem cache.
pub fn stemming_analyzer() -> TextAnalyzer {
    lower_case_words()
        .filter(CachedStemmer { keep_words: false })
        .build()
}

/// `WORDS_AND_STEMS`: each `WORDS` token, then, at the same position, its stem marked with
/// [`STEM_MARK`] where the stem is not the word itself ("families" gives "families" and
/// "\u{1}famili"; "council" gives "council" alone). See [`stem_terms`].
pub fn words_and_stems_analyzer() -> TextAnalyzer {
    lower_case_words()
        .filter(CachedStemmer { keep_words: true })
        .build()
}

/// The terms a `WORDS_AND_STEMS` field holds for the words whose stem is `stem` (as `STEMMED`
/// gives it): the marked stem, which every word stemming to something else than itself adds,
/// and the stem itself when it is a word that stems to itself.
pub fn stem_terms(stem: &str) -> Vec<String> {
    let mut terms = vec![marked_stem(stem)];
    if self::stem(stem) == stem {
        terms.push(stem.to_string());
    }
    terms
}

/// The stem of a lower-cased word, as `STEMMED` gives it.
pub fn stem(word: &str) -> String {
    frostem::Stemmer::new(frostem::Algorithm::English)
        .stem(word)
        .into_owned()
}

/// A stem as a `WORDS_AND_STEMS` term.
pub fn marked_stem(stem: &str) -> String {
    let mut term = String::with_capacity(stem.len() + 1);
    term.push(STEM_MARK);
    term.push_str(stem);
    term
}

/// Whether a `WORDS_AND_STEMS` term is a stem rather than a word.
pub fn is_marked_stem(term: &str) -> bool {
    term.starts_with(STEM_MARK)
}

/// Whether an analyzer indexes each word with its marked stem beside it (`WORDS_AND_STEMS`,
/// and `WORDS_STEMS_AND_PAIRS`, which adds pairs): a word searched alone finds its
/// [`stem_terms`] there.
pub fn marks_stems(tokenizer: &str) -> bool {
    matches!(tokenizer, WORDS_AND_STEMS | WORDS_STEMS_AND_PAIRS)
}

/// Whether a `WORDS_STEMS_AND_PAIRS` term is a pair of words rather than a word or a stem.
pub fn is_pair(term: &str) -> bool {
    term.contains(PAIR_SEPARATOR)
}

/// English Snowball stemming that remembers its answers (tokens must be lower-cased first):
/// in place of each word, or (`keep_words`) after it, marked, where it differs.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer {
    keep_words: bool,
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            cache: HashMap::default(),
            keep_words: self.keep_words,
        }
    }
}

pub struct CachedStemmerFilter<T> {
    inner: T,
    stemmer: frostem::Stemmer,
    cache: HashMap<String, String>,
    keep_words: bool,
}

/// A copy starts with an empty memory: analyzers are cloned per segment writer and per query
/// parser, and copying a full cache each time would cost more than it saves.
impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter {
            inner: self.inner.clone(),
            stemmer: self.stemmer,
            cache: HashMap::default(),
            keep_words: self.keep_words,
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: self.stemmer,
            cache: &mut self.cache,
            keep_words: self.keep_words,
            stem: String::new(),
            stem_next: false,
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stemmer: frostem::Stemmer,
    cache: &'a mut HashMap<String, String>,
    keep_words: bool,
    /// The stem of the word just read (without the mark)...
    stem: String,
    /// ... and, with `keep_words`, whether it is to be given next, marked.
    stem_next: bool,
}

impl<S> CachedStemmerStream<'_, S> {
    /// Sets `stem` to the stem of `word`.
    fn stem_of(&mut self, word: &str) {
        self.stem.clear();
        if let Some(stem) = self.cache.get(word) {
            self.stem.push_str(stem);
            return;
        }
        let stem = self.stemmer.stem(word);
        self.stem.push_str(&stem);
        if self.cache.len() < CACHE_WORDS {
            self.cache.insert(word.to_string(), stem.into_owned());
        }
    }
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if self.stem_next {
            // The word's stem, at its position and over its bytes.
            self.stem_next = false;
            let token = self.tail.token_mut();
            token.text.clear();
            token.text.push(STEM_MARK);
            token.text.push_str(&self.stem);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let word = std::mem::take(&mut self.tail.token_mut().text);
        self.stem_of(&word);
        let token = self.tail.token_mut();
        token.text = word;
        if !self.keep_words {
            token.text.clear();
            token.text.push_str(&self.stem);
        } else if self.stem != token.text {
            self.stem_next = true;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Gives, after each word, the pair it makes with the word before it, when the two are
/// adjacent (a dropped long token leaves a gap, as it does for phrases) and `words` holds both.
/// Stems ([`STEM_MARK`]) pass through and part no pair.
#[derive(Clone, Debug)]
pub struct WithPairs {
    words: PairWords,
}

impl TokenFilter for WithPairs {
    type Tokenizer<T: Tokenizer> = WithPairsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> WithPairsFilter<T> {
        WithPairsFilter {
            inner: tokenizer,
            words: self.words,
        }
    }
}

#[derive(Clone)]
pub struct WithPairsFilter<T> {
    inner: T,
    words: PairWords,
}

impl<T: Tokenizer> Tokenizer for WithPairsFilter<T> {
    type TokenStream<'a> = WithPairsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        WithPairsStream {
            tail: self.inner.token_stream(text),
            // No words, no pairs: a small archive's words are not looked up.
            words: (!self.words.is_empty()).then_some(&self.words),
            previous: Token::default(),
            previous_held: false,
            pair: Token::default(),
            pair_next: false,
            on_pair: false,
        }
    }
}

pub struct WithPairsStream<'a, S> {
    tail: S,
    words: Option<&'a PairWords>,
    /// The last word (its text, position and start)...
    previous: Token,
    /// ... when there is one and `words` holds it (each word is looked up once).
    previous_held: bool,
    pair: Token,
    /// Whether `pair` is to be given next...
    pair_next: bool,
    /// ... and whether it is the token given now.
    on_pair: bool,
}

impl<S: TokenStream> TokenStream for WithPairsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if std::mem::take(&mut self.pair_next) {
            self.on_pair = true;
            return true;
        }
        self.on_pair = false;
        if !self.tail.advance() {
            return false;
        }
        let Some(words) = self.words else {
            return true;
        };
        let word = self.tail.token();
        if is_marked_stem(&word.text) {
            return true;
        }
        let held = words.holds(&word.text);
        if held && self.previous_held && word.position == self.previous.position + 1 {
            let first = &self.previous;
            self.pair.text.clear();
            push_pair_term(&mut self.pair.text, &first.text, &word.text);
            self.pair.position = first.position;
            self.pair.offset_from = first.offset_from;
            self.pair.offset_to = word.offset_to;
            self.pair_next = true;
        }
        self.previous_held = held;
        if held {
            self.previous.text.clone_from(&word.text);
            self.previous.position = word.position;
            self.previous.offset_from = word.offset_from;
        }
        true
    }

    fn token(&self) -> &Token {
        if self.on_pair {
            &self.pair
        } else {
            self.tail.token()
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.on_pair {
            &mut self.pair
        } else {
            self.tail.token_mut()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        analyzer.token_stream(text).process(&mut |t: &Token| {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to))
        });
        out
    }

    /// Expected tokens (text, position, offsets) as `tokens` gives them.
    fn owned(expected: &[(&str, usize, usize, usize)]) -> Vec<(String, usize, usize, usize)> {
        expected
            .iter()
            .map(|&(t, p, a, b)| (t.to_string(), p, a, b))
            .collect()
    }

    #[test]
    fn same_tokens_as_tantivys_en_stem() {
        let mut theirs = TokenizerManager::default().get(STEMMED).unwrap();
        let mut ours = stemming_analyzer();
        let text = "The Committee's questions: were the Councillors' RESPONSES answered? \
                    Running, runs, ran; safeguarding & safeguarded children's services in 2024. \
                    Supercalifragilisticexpialidociousandthensomemorewordsjoined ok. Café Ymateb";
        // Twice through ours, so the second pass reads from the cache.
        assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
    }

    #[test]
    fn same_words_as_tantivys_default() {
        let mut theirs = TokenizerManager::default().get(WORDS).unwrap();
        let mut ours = words_analyzer();
        for text in [
            "The Committee's questions: were the Councillors\u{2019} RESPONSES answered?",
            // Long words (40 bytes or more as written) leave a gap in the positions.
            "a Supercalifragilisticexpialidociousandthensomemorewordsjoined b",
            "exactly39bytesxxxxxxxxxxxxxxxxxxxxxxxxx exactly40bytesxxxxxxxxxxxxxxxxxxxxxxxxxx",
            // Letters and digits of other scripts, marks, and case that changes length.
            "Café Ymateb CWESTIWN ATODOL Ŵ ŷ Straße ΣΊΣΥΦΟΣ İstanbul Ⅻ ①② ٣٤ 日本語 a\u{301}b",
            "£15.5m, 2024/25 - co-operation_x+y=z\t\nend",
            "",
            "   ...  ",
            "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ x ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ",
        ] {
            assert_eq!(
                tokens(&mut ours, text),
                tokens(&mut theirs, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_then_their_stems_where_they_differ() {
        let mut analyzer = words_and_stems_analyzer();
        let text = "Think Family: the councils' families";
        let expected = [
            ("think", 0, 0, 5),
            ("family", 1, 6, 12),
            ("\u{1}famili", 1, 6, 12),
            ("the", 2, 14, 17),
            ("councils", 3, 18, 26),
            ("\u{1}council", 3, 18, 26),
            ("families", 4, 28, 36),
            ("\u{1}famili", 4, 28, 36),
        ];
        let expected = owned(&expected);
        // Twice, so the second pass reads from the cache.
        assert_eq!(tokens(&mut analyzer, text), expected);
        assert_eq!(tokens(&mut analyzer, text), expected);
        // A word finds its stem's marked term, and the stem itself, which is a word of that stem
        // (were "famili" written, it would be indexed as the word alone).
        assert_eq!(stem_terms("council"), ["\u{1}council", "council"]);
        assert_eq!(stem_terms("famili"), ["\u{1}famili", "famili"]);
        assert!(is_marked_stem(&marked_stem("famili")));
        assert!(!is_marked_stem("famili"));
    }

    /// The pairs a `WORDS_STEMS_AND_PAIRS` analyzer gives of `text`, with positions and offsets.
    fn pairs(words: PairWords, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut analyzer = words_stems_and_pairs_analyzer(words);
        let mut all = tokens(&mut analyzer, text);
        all.retain(|t| is_pair(&t.0));
        all
    }

    #[test]
    fn pairs_join_adjacent_words_only() {
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        let text = format!("Mental health, {long} Think FAMILY");
        let pairs = pairs(PairWords::All, &text);
        let texts: Vec<&str> = pairs.iter().map(|t| t.0.as_str()).collect();
        // Punctuation does not part words (nor does it for phrases); a dropped word does.
        assert_eq!(texts, ["mental health", "think family"]);
        assert_eq!(pairs[0], ("mental health".to_string(), 0, 0, 13));
        assert_eq!(pairs[1].1, 3);
        assert_eq!(pair_term("think", "family"), "think family");
        assert!(is_pair(&pair_term("think", "family")));
        assert!(super::tests::pairs(PairWords::All, "one").is_empty());
    }

    #[test]
    fn words_stems_and_pairs_in_one_pass() {
        let mut analyzer = words_stems_and_pairs_analyzer(PairWords::All);
        let got = tokens(&mut analyzer, "Think Families first");
        let expected = [
            ("think", 0, 0, 5),
            ("families", 1, 6, 14),
            ("think families", 0, 0, 14),
            ("\u{1}famili", 1, 6, 14),
            ("first", 2, 15, 20),
            // A stem parts no pair: the pair is of the words.
            ("families first", 1, 6, 20),
        ];
        assert_eq!(got, owned(&expected));
        // Without pairs, the words and stems of `WORDS_AND_STEMS`.
        let none = PairWords::Of(Default::default());
        let text = "Think Family: the councils' families";
        assert_eq!(
            tokens(&mut words_stems_and_pairs_analyzer(none), text),
            tokens(&mut words_and_stems_analyzer(), text)
        );
    }

    #[test]
    fn only_pairs_of_two_chosen_words_are_indexed() {
        let mut counter = crate::pair_words::Counter::default();
        for _ in 0..2 {
            counter.add(["the", "of", "mental", "health"]);
        }
        // Two records of a large archive.
        let words = counter
            .common(100_000_000, crate::pair_words::MIN_PAIR_RECORDS)
            .words;
        let pairs = pairs(words, "The cost of mental health of the Council");
        let texts: Vec<&str> = pairs.iter().map(|t| t.0.as_str()).collect();
        // "cost" and "council" are not chosen: no pair holds them.
        assert_eq!(texts, ["of mental", "mental health", "health of", "of the"]);
        // None chosen (a small archive), none indexed.
        let none = PairWords::Of(Default::default());
        assert!(super::tests::pairs(none, "the mental health of the").is_empty());
        assert_eq!(pairs[0].1, 2);
    }

    #[test]
    fn stems_are_remembered_and_the_memory_is_bounded() {
        let mut filter = CachedStemmer { keep_words: false }
            .transform(tantivy::tokenizer::SimpleTokenizer::default());
        // Distinct words of letters only (Snowball leaves words with digits alone).
        let letters = |mut i: usize| {
            let mut w = String::from("meet");
            while i > 0 {
                w.push((b'a' + (i % 26) as u8) as char);
                i /= 26;
            }
            w + "ings"
        };
        let words: Vec<String> = (0..CACHE_WORDS + 10).map(letters).collect();
        let english = frostem::Stemmer::new(frostem::Algorithm::English);
        let mut stems = Vec::new();
        filter
            .token_stream(&words.join(" "))
            .process(&mut |t: &Token| stems.push(t.text.clone()));
        assert_eq!(stems.len(), CACHE_WORDS + 10);
        assert_eq!(stems[0], "meet");
        for (word, stem) in words.iter().zip(&stems).step_by(997) {
            assert_eq!(stem, &english.stem(word));
        }
        assert_eq!(filter.cache.len(), CACHE_WORDS);
        // The first words stay remembered; later ones are stemmed afresh, still correctly.
        assert_eq!(filter.cache.get(&words[0]), Some(&stems[0]));
        assert_eq!(filter.cache.get(&words[CACHE_WORDS + 9]), None);
        assert_eq!(
            stems[CACHE_WORDS + 9],
            english.stem(&words[CACHE_WORDS + 9])
        );
    }
}
