//! Closed classes of English words the matcher knows without a pack:
//! the verb group, negation cues, determiners, and very common words that
//! make poor anchors.

/// Auxiliaries, modals and adverbs that may stand between a subject and its
/// verb ("Russia has also repeatedly intervened"). Any word ending in -ly
/// counts as an adverb too (checked on the token, see `matcher`).
pub const VERB_GROUP_WORDS: &[&str] = &[
    "be",
    "is",
    "are",
    "was",
    "were",
    "been",
    "being",
    "am",
    "'s",
    "'re",
    "have",
    "has",
    "had",
    "having",
    "'ve",
    "'d",
    "do",
    "does",
    "did",
    "will",
    "would",
    "'ll",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "ought",
    "to",
    "not",
    "n't",
    "never",
    "also",
    "just",
    "already",
    "still",
    "again",
    "reportedly",
    "allegedly",
    "apparently",
    "then",
    "now",
    "soon",
    "later",
    "once",
    "yet",
    "even",
    "further",
    "jointly",
    "repeatedly",
    "recently",
    "previously",
    "subsequently",
    "finally",
    "initially",
    "immediately",
    "often",
    "always",
    "twice",
    "thus",
    "so",
    "too",
    "instead",
    "refused",
    "refuses",
    "refuse",
    "failed",
    "fails",
    "fail",
    "declined",
    "declines",
    "decline",
    "denied",
    "denies",
    "deny",
    "no",
    "longer",
    "first",
    "all",
    "both",
    "each",
    "themselves",
    "itself",
    "himself",
    "herself",
];

/// Forms of "be" that make a following participle passive.
pub const BE_FORMS: &[&str] = &[
    "be", "is", "are", "was", "were", "been", "being", "am", "'re",
];

/// Words that negate the verb they precede.
pub const NEGATION_WORDS: &[&str] = &["not", "n't", "never", "no", "neither", "nor", "cannot"];

/// Verbs that negate the verb they govern through "to" ("refused to attack").
pub const REFUSAL_VERBS: &[&str] = &[
    "refuse",
    "refuses",
    "refused",
    "refusing",
    "fail",
    "fails",
    "failed",
    "failing",
    "decline",
    "declines",
    "declined",
    "declining",
];

/// Verbs that negate what follows on their own ("denied attacking").
pub const DENIAL_VERBS: &[&str] = &["deny", "denies", "denied", "denying"];

/// Determiners a slot skips before its mention ("attacked the SAA").
pub const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
];

/// Words too frequent to be a good anchor: a rule anchored on one would be
/// tried on nearly every sentence.
pub const COMMON_WORDS: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "as",
    "into", "over", "after", "before", "near", "against", "about", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "it", "its", "that", "this", "which", "who", "he", "she",
    "they", "his", "her", "their", "said", "say", "says", "not", "but", "also", "up", "out", "off",
    "than", "more", "west", "east", "north", "south", ",", ".", "-", "'s",
];
