//! Unicode character classes the tokenizer needs that `std` does not expose.
//!
//! The combining-mark table (general categories Mn, Mc, Me) was generated from
//! the Unicode 14.0.0 character database. Keeping it here avoids a
//! dependency for one lookup; marks added in later Unicode versions are rare
//! enough in news text that a stale table only costs an occasional split word.

/// Inclusive ranges of combining marks, sorted and non-overlapping.
const MARKS: &[(char, char)] = &[
    ('\u{0300}', '\u{036F}'),
    ('\u{0483}', '\u{0489}'),
    ('\u{0591}', '\u{05BD}'),
    ('\u{05BF}', '\u{05BF}'),
    ('\u{05C1}', '\u{05C2}'),
    ('\u{05C4}', '\u{05C5}'),
    ('\u{05C7}', '\u{05C7}'),
    ('\u{0610}', '\u{061A}'),
    ('\u{064B}', '\u{065F}'),
    ('\u{0670}', '\u{0670}'),
    ('\u{06D6}', '\u{06DC}'),
    ('\u{06DF}', '\u{06E4}'),
    ('\u{06E7}', '\u{06E8}'),
    ('\u{06EA}', '\u{06ED}'),
    ('\u{0711}', '\u{0711}'),
    ('\u{0730}', '\u{074A}'),
    ('\u{07A6}', '\u{07B0}'),
    ('\u{07EB}', '\u{07F3}'),
    ('\u{07FD}', '\u{07FD}'),
    ('\u{0816}', '\u{0819}'),
    ('\u{081B}', '\u{0823}'),
    ('\u{0825}', '\u{0827}'),
    ('\u{0829}', '\u{082D}'),
    ('\u{0859}', '\u{085B}'),
    ('\u{0898}', '\u{089F}'),
    ('\u{08CA}', '\u{08E1}'),
    ('\u{08E3}', '\u{0903}'),
    ('\u{093A}', '\u{093C}'),
    ('\u{093E}', '\u{094F}'),
    ('\u{0951}', '\u{0957}'),
    ('\u{0962}', '\u{0963}'),
    ('\u{0981}', '\u{0983}'),
    ('\u{09BC}', '\u{09BC}'),
    ('\u{09BE}', '\u{09C4}'),
    ('\u{09C7}', '\u{09C8}'),
    ('\u{09CB}', '\u{09CD}'),
    ('\u{09D7}', '\u{09D7}'),
    ('\u{09E2}', '\u{09E3}'),
    ('\u{09FE}', '\u{09FE}'),
    ('\u{0A01}', '\u{0A03}'),
    ('\u{0A3C}', '\u{0A3C}'),
    ('\u{0A3E}', '\u{0A42}'),
    ('\u{0A47}', '\u{0A48}'),
    ('\u{0A4B}', '\u{0A4D}'),
    ('\u{0A51}', '\u{0A51}'),
    ('\u{0A70}', '\u{0A71}'),
    ('\u{0A75}', '\u{0A75}'),
    ('\u{0A81}', '\u{0A83}'),
    ('\u{0ABC}', '\u{0ABC}'),
    ('\u{0ABE}', '\u{0AC5}'),
    ('\u{0AC7}', '\u{0AC9}'),
    ('\u{0ACB}', '\u{0ACD}'),
    ('\u{0AE2}', '\u{0AE3}'),
    ('\u{0AFA}', '\u{0AFF}'),
    ('\u{0B01}', '\u{0B03}'),
    ('\u{0B3C}', '\u{0B3C}'),
    ('\u{0B3E}', '\u{0B44}'),
    ('\u{0B47}', '\u{0B48}'),
    ('\u{0B4B}', '\u{0B4D}'),
    ('\u{0B55}', '\u{0B57}'),
    ('\u{0B62}', '\u{0B63}'),
    ('\u{0B82}', '\u{0B82}'),
    ('\u{0BBE}', '\u{0BC2}'),
    ('\u{0BC6}', '\u{0BC8}'),
    ('\u{0BCA}', '\u{0BCD}'),
    ('\u{0BD7}', '\u{0BD7}'),
    ('\u{0C00}', '\u{0C04}'),
    ('\u{0C3C}', '\u{0C3C}'),
    ('\u{0C3E}', '\u{0C44}'),
    ('\u{0C46}', '\u{0C48}'),
    ('\u{0C4A}', '\u{0C4D}'),
    ('\u{0C55}', '\u{0C56}'),
    ('\u{0C62}', '\u{0C63}'),
    ('\u{0C81}', '\u{0C83}'),
    ('\u{0CBC}', '\u{0CBC}'),
    ('\u{0CBE}', '\u{0CC4}'),
    ('\u{0CC6}', '\u{0CC8}'),
    ('\u{0CCA}', '\u{0CCD}'),
    ('\u{0CD5}', '\u{0CD6}'),
    ('\u{0CE2}', '\u{0CE3}'),
    ('\u{0D00}', '\u{0D03}'),
    ('\u{0D3B}', '\u{0D3C}'),
    ('\u{0D3E}', '\u{0D44}'),
    ('\u{0D46}', '\u{0D48}'),
    ('\u{0D4A}', '\u{0D4D}'),
    ('\u{0D57}', '\u{0D57}'),
    ('\u{0D62}', '\u{0D63}'),
    ('\u{0D81}', '\u{0D83}'),
    ('\u{0DCA}', '\u{0DCA}'),
    ('\u{0DCF}', '\u{0DD4}'),
    ('\u{0DD6}', '\u{0DD6}'),
    ('\u{0DD8}', '\u{0DDF}'),
    ('\u{0DF2}', '\u{0DF3}'),
    ('\u{0E31}', '\u{0E31}'),
    ('\u{0E34}', '\u{0E3A}'),
    ('\u{0E47}', '\u{0E4E}'),
    ('\u{0EB1}', '\u{0EB1}'),
    ('\u{0EB4}', '\u{0EBC}'),
    ('\u{0EC8}', '\u{0ECD}'),
    ('\u{0F18}', '\u{0F19}'),
    ('\u{0F35}', '\u{0F35}'),
    ('\u{0F37}', '\u{0F37}'),
    ('\u{0F39}', '\u{0F39}'),
    ('\u{0F3E}', '\u{0F3F}'),
    ('\u{0F71}', '\u{0F84}'),
    ('\u{0F86}', '\u{0F87}'),
    ('\u{0F8D}', '\u{0F97}'),
    ('\u{0F99}', '\u{0FBC}'),
    ('\u{0FC6}', '\u{0FC6}'),
    ('\u{102B}', '\u{103E}'),
    ('\u{1056}', '\u{1059}'),
    ('\u{105E}', '\u{1060}'),
    ('\u{1062}', '\u{1064}'),
    ('\u{1067}', '\u{106D}'),
    ('\u{1071}', '\u{1074}'),
    ('\u{1082}', '\u{108D}'),
    ('\u{108F}', '\u{108F}'),
    ('\u{109A}', '\u{109D}'),
    ('\u{135D}', '\u{135F}'),
    ('\u{1712}', '\u{1715}'),
    ('\u{1732}', '\u{1734}'),
    ('\u{1752}', '\u{1753}'),
    ('\u{1772}', '\u{1773}'),
    ('\u{17B4}', '\u{17D3}'),
    ('\u{17DD}', '\u{17DD}'),
    ('\u{180B}', '\u{180D}'),
    ('\u{180F}', '\u{180F}'),
    ('\u{1885}', '\u{1886}'),
    ('\u{18A9}', '\u{18A9}'),
    ('\u{1920}', '\u{192B}'),
    ('\u{1930}', '\u{193B}'),
    ('\u{1A17}', '\u{1A1B}'),
    ('\u{1A55}', '\u{1A5E}'),
    ('\u{1A60}', '\u{1A7C}'),
    ('\u{1A7F}', '\u{1A7F}'),
    ('\u{1AB0}', '\u{1ACE}'),
    ('\u{1B00}', '\u{1B04}'),
    ('\u{1B34}', '\u{1B44}'),
    ('\u{1B6B}', '\u{1B73}'),
    ('\u{1B80}', '\u{1B82}'),
    ('\u{1BA1}', '\u{1BAD}'),
    ('\u{1BE6}', '\u{1BF3}'),
    ('\u{1C24}', '\u{1C37}'),
    ('\u{1CD0}', '\u{1CD2}'),
    ('\u{1CD4}', '\u{1CE8}'),
    ('\u{1CED}', '\u{1CED}'),
    ('\u{1CF4}', '\u{1CF4}'),
    ('\u{1CF7}', '\u{1CF9}'),
    ('\u{1DC0}', '\u{1DFF}'),
    ('\u{20D0}', '\u{20F0}'),
    ('\u{2CEF}', '\u{2CF1}'),
    ('\u{2D7F}', '\u{2D7F}'),
    ('\u{2DE0}', '\u{2DFF}'),
    ('\u{302A}', '\u{302F}'),
    ('\u{3099}', '\u{309A}'),
    ('\u{A66F}', '\u{A672}'),
    ('\u{A674}', '\u{A67D}'),
    ('\u{A69E}', '\u{A69F}'),
    ('\u{A6F0}', '\u{A6F1}'),
    ('\u{A802}', '\u{A802}'),
    ('\u{A806}', '\u{A806}'),
    ('\u{A80B}', '\u{A80B}'),
    ('\u{A823}', '\u{A827}'),
    ('\u{A82C}', '\u{A82C}'),
    ('\u{A880}', '\u{A881}'),
    ('\u{A8B4}', '\u{A8C5}'),
    ('\u{A8E0}', '\u{A8F1}'),
    ('\u{A8FF}', '\u{A8FF}'),
    ('\u{A926}', '\u{A92D}'),
    ('\u{A947}', '\u{A953}'),
    ('\u{A980}', '\u{A983}'),
    ('\u{A9B3}', '\u{A9C0}'),
    ('\u{A9E5}', '\u{A9E5}'),
    ('\u{AA29}', '\u{AA36}'),
    ('\u{AA43}', '\u{AA43}'),
    ('\u{AA4C}', '\u{AA4D}'),
    ('\u{AA7B}', '\u{AA7D}'),
    ('\u{AAB0}', '\u{AAB0}'),
    ('\u{AAB2}', '\u{AAB4}'),
    ('\u{AAB7}', '\u{AAB8}'),
    ('\u{AABE}', '\u{AABF}'),
    ('\u{AAC1}', '\u{AAC1}'),
    ('\u{AAEB}', '\u{AAEF}'),
    ('\u{AAF5}', '\u{AAF6}'),
    ('\u{ABE3}', '\u{ABEA}'),
    ('\u{ABEC}', '\u{ABED}'),
    ('\u{FB1E}', '\u{FB1E}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FE20}', '\u{FE2F}'),
    ('\u{101FD}', '\u{101FD}'),
    ('\u{102E0}', '\u{102E0}'),
    ('\u{10376}', '\u{1037A}'),
    ('\u{10A01}', '\u{10A03}'),
    ('\u{10A05}', '\u{10A06}'),
    ('\u{10A0C}', '\u{10A0F}'),
    ('\u{10A38}', '\u{10A3A}'),
    ('\u{10A3F}', '\u{10A3F}'),
    ('\u{10AE5}', '\u{10AE6}'),
    ('\u{10D24}', '\u{10D27}'),
    ('\u{10EAB}', '\u{10EAC}'),
    ('\u{10F46}', '\u{10F50}'),
    ('\u{10F82}', '\u{10F85}'),
    ('\u{11000}', '\u{11002}'),
    ('\u{11038}', '\u{11046}'),
    ('\u{11070}', '\u{11070}'),
    ('\u{11073}', '\u{11074}'),
    ('\u{1107F}', '\u{11082}'),
    ('\u{110B0}', '\u{110BA}'),
    ('\u{110C2}', '\u{110C2}'),
    ('\u{11100}', '\u{11102}'),
    ('\u{11127}', '\u{11134}'),
    ('\u{11145}', '\u{11146}'),
    ('\u{11173}', '\u{11173}'),
    ('\u{11180}', '\u{11182}'),
    ('\u{111B3}', '\u{111C0}'),
    ('\u{111C9}', '\u{111CC}'),
    ('\u{111CE}', '\u{111CF}'),
    ('\u{1122C}', '\u{11237}'),
    ('\u{1123E}', '\u{1123E}'),
    ('\u{112DF}', '\u{112EA}'),
    ('\u{11300}', '\u{11303}'),
    ('\u{1133B}', '\u{1133C}'),
    ('\u{1133E}', '\u{11344}'),
    ('\u{11347}', '\u{11348}'),
    ('\u{1134B}', '\u{1134D}'),
    ('\u{11357}', '\u{11357}'),
    ('\u{11362}', '\u{11363}'),
    ('\u{11366}', '\u{1136C}'),
    ('\u{11370}', '\u{11374}'),
    ('\u{11435}', '\u{11446}'),
    ('\u{1145E}', '\u{1145E}'),
    ('\u{114B0}', '\u{114C3}'),
    ('\u{115AF}', '\u{115B5}'),
    ('\u{115B8}', '\u{115C0}'),
    ('\u{115DC}', '\u{115DD}'),
    ('\u{11630}', '\u{11640}'),
    ('\u{116AB}', '\u{116B7}'),
    ('\u{1171D}', '\u{1172B}'),
    ('\u{1182C}', '\u{1183A}'),
    ('\u{11930}', '\u{11935}'),
    ('\u{11937}', '\u{11938}'),
    ('\u{1193B}', '\u{1193E}'),
    ('\u{11940}', '\u{11940}'),
    ('\u{11942}', '\u{11943}'),
    ('\u{119D1}', '\u{119D7}'),
    ('\u{119DA}', '\u{119E0}'),
    ('\u{119E4}', '\u{119E4}'),
    ('\u{11A01}', '\u{11A0A}'),
    ('\u{11A33}', '\u{11A39}'),
    ('\u{11A3B}', '\u{11A3E}'),
    ('\u{11A47}', '\u{11A47}'),
    ('\u{11A51}', '\u{11A5B}'),
    ('\u{11A8A}', '\u{11A99}'),
    ('\u{11C2F}', '\u{11C36}'),
    ('\u{11C38}', '\u{11C3F}'),
    ('\u{11C92}', '\u{11CA7}'),
    ('\u{11CA9}', '\u{11CB6}'),
    ('\u{11D31}', '\u{11D36}'),
    ('\u{11D3A}', '\u{11D3A}'),
    ('\u{11D3C}', '\u{11D3D}'),
    ('\u{11D3F}', '\u{11D45}'),
    ('\u{11D47}', '\u{11D47}'),
    ('\u{11D8A}', '\u{11D8E}'),
    ('\u{11D90}', '\u{11D91}'),
    ('\u{11D93}', '\u{11D97}'),
    ('\u{11EF3}', '\u{11EF6}'),
    ('\u{16AF0}', '\u{16AF4}'),
    ('\u{16B30}', '\u{16B36}'),
    ('\u{16F4F}', '\u{16F4F}'),
    ('\u{16F51}', '\u{16F87}'),
    ('\u{16F8F}', '\u{16F92}'),
    ('\u{16FE4}', '\u{16FE4}'),
    ('\u{16FF0}', '\u{16FF1}'),
    ('\u{1BC9D}', '\u{1BC9E}'),
    ('\u{1CF00}', '\u{1CF2D}'),
    ('\u{1CF30}', '\u{1CF46}'),
    ('\u{1D165}', '\u{1D169}'),
    ('\u{1D16D}', '\u{1D172}'),
    ('\u{1D17B}', '\u{1D182}'),
    ('\u{1D185}', '\u{1D18B}'),
    ('\u{1D1AA}', '\u{1D1AD}'),
    ('\u{1D242}', '\u{1D244}'),
    ('\u{1DA00}', '\u{1DA36}'),
    ('\u{1DA3B}', '\u{1DA6C}'),
    ('\u{1DA75}', '\u{1DA75}'),
    ('\u{1DA84}', '\u{1DA84}'),
    ('\u{1DA9B}', '\u{1DA9F}'),
    ('\u{1DAA1}', '\u{1DAAF}'),
    ('\u{1E000}', '\u{1E006}'),
    ('\u{1E008}', '\u{1E018}'),
    ('\u{1E01B}', '\u{1E021}'),
    ('\u{1E023}', '\u{1E024}'),
    ('\u{1E026}', '\u{1E02A}'),
    ('\u{1E130}', '\u{1E136}'),
    ('\u{1E2AE}', '\u{1E2AE}'),
    ('\u{1E2EC}', '\u{1E2EF}'),
    ('\u{1E8D0}', '\u{1E8D6}'),
    ('\u{1E944}', '\u{1E94A}'),
    ('\u{E0100}', '\u{E01EF}'),
];

/// True for combining marks (Mn, Mc, Me), which belong to the letter before them.
pub(crate) fn is_mark(c: char) -> bool {
    // Below U+0300 nothing is a mark; this keeps the common ASCII/Latin-1 path free.
    if (c as u32) < 0x300 {
        return false;
    }
    MARKS
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

pub(crate) const ZWJ: char = '\u{200D}';
pub(crate) const ZWNJ: char = '\u{200C}';
pub(crate) const SOFT_HYPHEN: char = '\u{00AD}';

/// Characters that separate tokens and never become tokens themselves.
///
/// Besides Unicode whitespace this takes invisible format characters and
/// control characters: copy-pasted news text is full of zero-width spaces,
/// BOMs and stray control bytes, and a token made of an invisible character
/// would only confuse rule matching.
#[inline]
pub(crate) fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c.is_ascii_control();
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | ZWJ | ZWNJ | SOFT_HYPHEN
        )
}

/// A character that can start a word token: letters and digits of any
/// script, and combining marks (so a lone mark still yields a token instead of
/// vanishing).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// A character that continues a word already started. Joiners and soft
/// hyphens occur inside Persian, Indic and hyphenated-for-layout words and
/// must not cut them in two.
#[inline]
pub(crate) fn is_word_continue(c: char) -> bool {
    is_word_char(c) || matches!(c, ZWJ | ZWNJ | SOFT_HYPHEN)
}

/// Apostrophes that can introduce a clitic or sit inside a name. U+02BC is
/// the "modifier letter apostrophe" that some transliterations use.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Characters that attach to the symbol before them to form one visible
/// character (emoji skin tones, tag sequences, variation selectors, marks).
#[inline]
pub(crate) fn is_extender(c: char) -> bool {
    is_mark(c) || matches!(c, '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | ZWNJ)
}

#[inline]
pub(crate) fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}
