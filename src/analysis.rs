//! Text analysis: the tokenizers the schema names, registered on every index we open.
//!
//! `en_stem` keeps tantivy's definition (simple tokenizer, long tokens dropped, lower case,
//! Snowball English stems), so an index built by scrutiny reads the same with plain tantivy, but
//! the stemmer remembers the words it has stemmed. Minutes repeat a small vocabulary, and
//! stemming every token afresh was a fifth of the indexing time.

use crate::pair_words::PairWords;
use rustc_hash::FxHashMap as HashMap;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TextAnalyzerBuilder, Token,
    TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

/// The stemming analyzer for prose.
pub const STEMMED: &str = "en_stem";
/// Lower-cased words, no stemming: names of councils, committees and people.
pub const WORDS: &str = "default";
/// Each two adjacent `WORDS` tokens as one term ("mental health"), for quoted phrases.
pub const PAIRS: &str = "word_pairs";

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
        .register(PAIRS, pairs_analyzer(pair_words.clone()));
}

/// `WORDS` tokens in adjacent pairs, where `words` has both: "Mental health services" gives
/// "mental health" and "health services". A quoted two-word phrase is then one term, found in
/// its posting list, instead of a check of both words' positions in every record holding both;
/// on a million exchanges that was most of a common phrase's search time. Pairs are indexed
/// without positions, like any word queried alone.
pub fn pairs_analyzer(words: PairWords) -> TextAnalyzer {
    lower_case_words().filter(AdjacentPairs { words }).build()
}

/// `WORDS`: simple tokens, long ones dropped, lower-cased (tantivy's `default`).
pub fn words_analyzer() -> TextAnalyzer {
    lower_case_words().build()
}

/// Simple tokens, long ones dropped, lower-cased: `WORDS` (tantivy's `default`), which the
/// stemmer and the pairs start from.
fn lower_case_words() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
}

/// The term a pair of words is indexed as.
pub fn pair_term(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// Simple tokens, long ones dropped, lower-cased, stemmed (English), with a stem cache.
pub fn stemming_analyzer() -> TextAnalyzer {
    lower_case_words().filter(CachedStemmer).build()
}

/// English Snowball stemming that remembers its answers (tokens must be lower-cased first).
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            cache: HashMap::default(),
        }
    }
}

pub struct CachedStemmerFilter<T> {
    inner: T,
    stemmer: frostem::Stemmer,
    cache: HashMap<String, String>,
}

/// A copy starts with an empty memory: analyzers are cloned per segment writer and per query
/// parser, and copying a full cache each time would cost more than it saves.
impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter {
            inner: self.inner.clone(),
            stemmer: self.stemmer,
            cache: HashMap::default(),
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
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stemmer: frostem::Stemmer,
    cache: &'a mut HashMap<String, String>,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
        } else {
            let stem = self.stemmer.stem(&token.text).into_owned();
            let word = std::mem::replace(&mut token.text, stem.clone());
            if self.cache.len() < CACHE_WORDS {
                self.cache.insert(word, stem);
            }
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

/// Joins each token to the one before it when the two are adjacent (a dropped long token
/// leaves a gap, as it does for phrase queries) and `words` indexes the pair.
#[derive(Clone, Debug)]
pub struct AdjacentPairs {
    words: PairWords,
}

impl TokenFilter for AdjacentPairs {
    type Tokenizer<T: Tokenizer> = AdjacentPairsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> AdjacentPairsFilter<T> {
        AdjacentPairsFilter {
            inner: tokenizer,
            words: self.words,
        }
    }
}

#[derive(Clone)]
pub struct AdjacentPairsFilter<T> {
    inner: T,
    words: PairWords,
}

impl<T: Tokenizer> Tokenizer for AdjacentPairsFilter<T> {
    type TokenStream<'a> = AdjacentPairsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        AdjacentPairsStream {
            tail: self.inner.token_stream(text),
            words: &self.words,
            previous: None,
            pair: Token::default(),
        }
    }
}

pub struct AdjacentPairsStream<'a, S> {
    tail: S,
    words: &'a PairWords,
    /// The last word (its text, position and start), once there is one.
    previous: Option<Token>,
    pair: Token,
}

impl<S: TokenStream> TokenStream for AdjacentPairsStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let word = self.tail.token();
            let first = self
                .previous
                .as_ref()
                .filter(|first| word.position == first.position + 1)
                .filter(|first| self.words.indexes(&first.text, &word.text));
            let adjacent = first.is_some();
            if let Some(first) = first {
                self.pair.text.clear();
                self.pair.text.push_str(&first.text);
                self.pair.text.push(' ');
                self.pair.text.push_str(&word.text);
                self.pair.position = first.position;
                self.pair.offset_from = first.offset_from;
                self.pair.offset_to = word.offset_to;
            }
            let previous = self.previous.get_or_insert_with(Token::default);
            previous.text.clone_from(&word.text);
            previous.position = word.position;
            previous.offset_from = word.offset_from;
            if adjacent {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.pair
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.pair
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
    fn pairs_join_adjacent_words_only() {
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        let text = format!("Mental health, {long} Think FAMILY");
        let pairs = tokens(&mut pairs_analyzer(PairWords::All), &text);
        let texts: Vec<&str> = pairs.iter().map(|t| t.0.as_str()).collect();
        // Punctuation does not part words (nor does it for phrases); a dropped word does.
        assert_eq!(texts, ["mental health", "think family"]);
        assert_eq!(pairs[0], ("mental health".to_string(), 0, 0, 13));
        assert_eq!(pairs[1].1, 3);
        assert_eq!(pair_term("think", "family"), "think family");
        assert!(tokens(&mut pairs_analyzer(PairWords::All), "one").is_empty());
    }

    #[test]
    fn only_pairs_of_two_chosen_words_are_indexed() {
        let mut counter = crate::pair_words::Counter::default();
        for _ in 0..2 {
            counter.add(["the", "of", "mental", "health"]);
        }
        let mut analyzer = pairs_analyzer(counter.common());
        let pairs = tokens(&mut analyzer, "The cost of mental health of the Council");
        let texts: Vec<&str> = pairs.iter().map(|t| t.0.as_str()).collect();
        // "cost" and "council" are not chosen: no pair holds them.
        assert_eq!(texts, ["of mental", "mental health", "health of", "of the"]);
        assert_eq!(pairs[0].1, 2);
    }

    #[test]
    fn stems_are_remembered_and_the_memory_is_bounded() {
        let mut filter = CachedStemmer.transform(SimpleTokenizer::default());
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
