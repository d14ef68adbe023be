//! English inflection used at rule-compile time: a rule word (a lemma)
//! expands to the surface forms that can appear in text.
//!
//! Rules are written with lemmas ("seize", "ambush", "carry out") and the
//! matcher works on surface tokens, so every form a lemma can take must be
//! generated up front. The part of speech is unknown, so both verb and noun
//! forms are produced. Where English spelling is unpredictable (consonant
//! doubling in long words, -oes/-os, -ves/-fs) both candidates are generated:
//! a form that never occurs in text costs nothing, a missing one loses matches.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordForms {
    pub lemma: String,
    /// Present-tense forms other than the lemma ("seizes"; for "be": is, am, are).
    pub third_person: Vec<String>,
    pub past: Vec<String>,
    pub past_participle: Vec<String>,
    pub gerund: Vec<String>,
    pub plural: Vec<String>,
}

impl WordForms {
    /// Lemma plus all forms, deduplicated, in a stable order (lemma, third
    /// person, past, past participle, gerund, plural). Empty strings are left
    /// out so an empty lemma yields nothing to match.
    pub fn all(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let forms = std::iter::once(&self.lemma)
            .chain(&self.third_person)
            .chain(&self.past)
            .chain(&self.past_participle)
            .chain(&self.gerund)
            .chain(&self.plural);
        for f in forms {
            if !f.is_empty() && !out.contains(f) {
                out.push(f.clone());
            }
        }
        out
    }
}

/// Forms of the verb "be", including the clitics "'s", "'re" and "'m" that
/// the tokenizer splits off ("he's", "they're", "I'm").
pub fn be_forms() -> &'static [&'static str] {
    &[
        "be", "is", "am", "are", "was", "were", "been", "being", "'s", "'re", "'m",
    ]
}

/// All forms of `lemma` (expected lowercase; it is lowercased if not).
/// A multi-word lemma inflects its first word for verb forms ("carry out" ->
/// "carried out"); its plurals cover both the first and the last word
/// ("prisoner of war" -> "prisoners of war", "car bomb" -> "car bombs").
pub fn word_forms(lemma: &str) -> WordForms {
    let lowered;
    let lemma = if lemma.chars().any(char::is_uppercase) {
        lowered = lemma.to_lowercase();
        lowered.as_str()
    } else {
        lemma
    };
    let words: Vec<&str> = lemma.split_whitespace().collect();
    match words.as_slice() {
        [] => WordForms::default(),
        [word] => single_word_forms(word),
        [head, rest @ ..] => {
            let tail = rest.join(" ");
            let with_tail = |forms: Vec<String>| -> Vec<String> {
                forms.into_iter().map(|f| format!("{f} {tail}")).collect()
            };
            let h = single_word_forms(head);
            let mut plural = with_tail(h.plural);
            // Noun compounds are head-final: "air strike" -> "air strikes".
            if let Some((last, init)) = words.split_last() {
                let init = init.join(" ");
                for p in single_word_forms(last).plural {
                    push_unique(&mut plural, format!("{init} {p}"));
                }
            }
            WordForms {
                lemma: words.join(" "),
                third_person: with_tail(h.third_person),
                past: with_tail(h.past),
                past_participle: with_tail(h.past_participle),
                gerund: with_tail(h.gerund),
                plural,
            }
        }
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_string()).collect()
}

fn single_word_forms(w: &str) -> WordForms {
    let lemma = w.to_string();
    // Nothing sensible to inflect in "u.s.", "5" or an emoji.
    if !w.chars().last().is_some_and(char::is_alphabetic) {
        return WordForms {
            lemma,
            ..WordForms::default()
        };
    }
    if w == "be" {
        return WordForms {
            lemma,
            third_person: owned(&["is", "am", "are"]),
            past: owned(&["was", "were"]),
            past_participle: owned(&["been"]),
            gerund: owned(&["being"]),
            plural: Vec::new(),
        };
    }

    let (past, past_participle) = if let Some((_, p, pp)) = irregular_verb(w) {
        (owned(p), owned(pp))
    } else if let Some((prefix, p, pp)) = prefixed_irregular_verb(w, 2) {
        // "rebuild" -> "rebuilt", but "relay" is not re+lay: keep the regular
        // forms as well, since over-generating is harmless.
        let mut past: Vec<String> = p.iter().map(|f| format!("{prefix}{f}")).collect();
        let mut pp: Vec<String> = pp.iter().map(|f| format!("{prefix}{f}")).collect();
        for f in past_regular(w) {
            push_unique(&mut past, f.clone());
            push_unique(&mut pp, f);
        }
        (past, pp)
    } else {
        let p = past_regular(w);
        (p.clone(), p)
    };

    let third_person = match w {
        "have" => owned(&["has"]),
        "do" => owned(&["does"]),
        "go" => owned(&["goes"]),
        _ => third_person(w),
    };
    let plural = match w {
        "have" | "do" | "go" => Vec::new(),
        _ => plural(w),
    };
    WordForms {
        lemma,
        third_person,
        past,
        past_participle,
        gerund: gerund(w),
        plural,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// ASCII consonant letter; "y" counts as one here.
fn is_consonant(c: char) -> bool {
    c.is_ascii_alphabetic() && !is_vowel(c)
}

/// The last three characters, last one third.
fn tail3(w: &str) -> [Option<char>; 3] {
    let mut it = w.chars().rev();
    let c3 = it.next();
    let c2 = it.next();
    let c1 = it.next();
    [c1, c2, c3]
}

/// "deny" -> Some("den"); "deploy" -> None.
fn consonant_y_stem(w: &str) -> Option<&str> {
    let stem = w.strip_suffix('y')?;
    stem.chars().last().filter(|&c| is_consonant(c))?;
    Some(stem)
}

fn ends_sibilant(w: &str) -> bool {
    ["s", "x", "z", "ch", "sh"].iter().any(|s| w.ends_with(s))
}

/// "panic" -> "panick" before -ed/-ing; None when the word does not end in
/// vowel + c.
fn hard_c_stem(w: &str) -> Option<String> {
    let [_, c2, c3] = tail3(w);
    (c3 == Some('c') && c2.is_some_and(is_vowel)).then(|| format!("{w}k"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Doubling {
    Never,
    Always,
    /// Multi-syllable CVC: whether to double depends on stress, which
    /// spelling does not reveal ("targeted" but "kidnapped").
    Both,
}

fn doubling(w: &str) -> Doubling {
    let mut rev = w.chars().rev();
    let (c3, c2, c1, c0) = (rev.next(), rev.next(), rev.next(), rev.next());
    let (Some(c3), Some(c2)) = (c3, c2) else {
        return Doubling::Never;
    };
    if !is_consonant(c3) || matches!(c3, 'w' | 'x' | 'y') || !is_vowel(c2) {
        return Doubling::Never;
    }
    // The vowel must be single; "u" after "q" is a consonant sound ("quit").
    if let Some(c1) = c1
        && is_vowel(c1)
        && !(c1 == 'u' && c0 == Some('q'))
    {
        return Doubling::Never;
    }
    let segment = w.rsplit('-').next().unwrap_or(w);
    match syllables(segment) {
        0 => Doubling::Never,
        1 => Doubling::Always,
        _ => Doubling::Both,
    }
}

/// Vowel groups, a good-enough syllable count for the doubling decision.
fn syllables(w: &str) -> usize {
    let mut count = 0;
    let mut prev: Option<char> = None;
    let mut prev_vowel = false;
    for c in w.chars() {
        let vowel = (is_vowel(c) && !(c == 'u' && prev == Some('q')))
            || (c == 'y' && prev.is_some() && !prev_vowel);
        if vowel && !prev_vowel {
            count += 1;
        }
        prev_vowel = vowel;
        prev = Some(c);
    }
    count
}

/// Appends `suffix` to `w`, and to `w` with its last char doubled when the
/// doubling rule asks for it.
fn with_doubling(w: &str, suffix: &str) -> Vec<String> {
    let doubled = || {
        let last = w.chars().last().map(String::from).unwrap_or_default();
        format!("{w}{last}{suffix}")
    };
    match doubling(w) {
        Doubling::Never => vec![format!("{w}{suffix}")],
        Doubling::Always => vec![doubled()],
        Doubling::Both => vec![format!("{w}{suffix}"), doubled()],
    }
}

fn third_person(w: &str) -> Vec<String> {
    if let Some(stem) = consonant_y_stem(w) {
        return vec![format!("{stem}ies")];
    }
    if w.ends_with('z') && !w.ends_with("zz") {
        // "quiz" -> "quizzes"
        return with_doubling(w, "es");
    }
    if ends_sibilant(w) {
        return vec![format!("{w}es")];
    }
    let [_, c2, c3] = tail3(w);
    if c3 == Some('o') && c2.is_some_and(is_consonant) {
        // "vetoes" but "photos": no spelling rule tells them apart.
        return vec![format!("{w}es"), format!("{w}s")];
    }
    vec![format!("{w}s")]
}

fn past_regular(w: &str) -> Vec<String> {
    if w.ends_with('e') {
        return vec![format!("{w}d")];
    }
    if let Some(stem) = consonant_y_stem(w) {
        return vec![format!("{stem}ied")];
    }
    if let Some(stem) = hard_c_stem(w) {
        return vec![format!("{stem}ed")];
    }
    with_doubling(w, "ed")
}

fn gerund(w: &str) -> Vec<String> {
    if w == "be" {
        return owned(&["being"]);
    }
    if let Some(stem) = w.strip_suffix("ie") {
        return vec![format!("{stem}ying")];
    }
    if ["ee", "oe", "ye"].iter().any(|s| w.ends_with(s)) {
        return vec![format!("{w}ing")];
    }
    if let Some(stem) = w.strip_suffix('e')
        && !stem.is_empty()
    {
        return vec![format!("{stem}ing")];
    }
    if let Some(stem) = hard_c_stem(w) {
        return vec![format!("{stem}ing")];
    }
    with_doubling(w, "ing")
}

/// Words ending in "man" that are not compounds of "man".
const NOT_MAN_COMPOUNDS: &[&str] = &[
    "human", "german", "roman", "shaman", "talisman", "caiman", "cayman", "ottoman", "oman",
    "doberman", "walkman", "dolman", "ataman",
];

fn plural(w: &str) -> Vec<String> {
    if let Some((_, plurals)) = IRREGULAR_NOUNS.iter().find(|(l, _)| *l == w) {
        return owned(plurals);
    }
    if let Some(stem) = w.strip_suffix("man")
        && !stem.is_empty()
    {
        // "gunman" -> "gunmen", "militiaman" -> "militiamen"
        return if NOT_MAN_COMPOUNDS.contains(&w) {
            vec![format!("{w}s")]
        } else {
            vec![format!("{stem}men")]
        };
    }
    if let Some(stem) = w.strip_suffix("sis") {
        // Greek -sis nouns: "crisis" -> "crises".
        return vec![format!("{stem}ses")];
    }
    if let Some(stem) = w.strip_suffix("fe") {
        return vec![format!("{w}s"), format!("{stem}ves")];
    }
    if !w.ends_with("ff")
        && let Some(stem) = w.strip_suffix('f')
    {
        return vec![format!("{w}s"), format!("{stem}ves")];
    }
    third_person(w)
}

type Irregular = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

fn irregular_verb(w: &str) -> Option<&'static Irregular> {
    IRREGULAR_VERBS.iter().find(|(l, _, _)| *l == w)
}

/// Verb prefixes that leave the stem's irregular forms intact
/// ("rebuild" -> "rebuilt", "oversee" -> "oversaw", "mislead" -> "misled").
const VERB_PREFIXES: &[&str] = &[
    "re", "over", "under", "out", "with", "up", "mis", "fore", "un", "be", "off",
];

/// The prefix and irregular forms of a prefixed irregular verb. Prefixes may
/// stack once ("misunderstand" = mis + under + stand); the depth limit keeps a
/// pathological lemma like "rerere...build" from recursing deeply.
fn prefixed_irregular_verb(
    w: &str,
    depth: u8,
) -> Option<(&str, &'static [&'static str], &'static [&'static str])> {
    if depth == 0 {
        return None;
    }
    VERB_PREFIXES.iter().find_map(|prefix| {
        let stem = w.strip_prefix(prefix)?;
        if stem.len() < 2 {
            return None;
        }
        let (pre, _) = w.split_at_checked(prefix.len())?;
        if let Some(&(_, p, pp)) = irregular_verb(stem) {
            return Some((pre, p, pp));
        }
        let (inner, p, pp) = prefixed_irregular_verb(stem, depth - 1)?;
        let (pre, _) = w.split_at_checked(prefix.len() + inner.len())?;
        Some((pre, p, pp))
    })
}

const IRREGULAR_NOUNS: &[(&str, &[&str])] = &[
    ("man", &["men"]),
    ("woman", &["women"]),
    ("child", &["children"]),
    ("person", &["people", "persons"]),
    ("militiaman", &["militiamen"]),
    ("policeman", &["policemen"]),
    ("gunman", &["gunmen"]),
    ("tribesman", &["tribesmen"]),
    ("chief", &["chiefs"]),
    ("foot", &["feet"]),
    ("tooth", &["teeth"]),
    ("goose", &["geese"]),
    ("mouse", &["mice"]),
    ("louse", &["lice"]),
    ("ox", &["oxen"]),
    ("crisis", &["crises"]),
    ("analysis", &["analyses"]),
    ("thesis", &["theses"]),
    ("criterion", &["criteria"]),
    ("phenomenon", &["phenomena"]),
    ("medium", &["media", "mediums"]),
    ("datum", &["data"]),
    ("bacterium", &["bacteria"]),
    ("memorandum", &["memoranda", "memorandums"]),
    ("index", &["indices", "indexes"]),
    ("appendix", &["appendices", "appendixes"]),
    ("matrix", &["matrices", "matrixes"]),
    ("nucleus", &["nuclei"]),
    ("alumnus", &["alumni"]),
    ("radius", &["radii", "radiuses"]),
    ("sheep", &["sheep"]),
    ("deer", &["deer"]),
    ("fish", &["fish", "fishes"]),
    ("aircraft", &["aircraft"]),
    ("spacecraft", &["spacecraft"]),
    ("hovercraft", &["hovercraft"]),
    ("watercraft", &["watercraft"]),
    ("series", &["series"]),
    ("species", &["species"]),
    ("offspring", &["offspring"]),
    ("headquarters", &["headquarters"]),
    ("corps", &["corps"]),
    ("means", &["means"]),
    ("belief", &["beliefs"]),
    ("roof", &["roofs"]),
    ("proof", &["proofs"]),
    ("chef", &["chefs"]),
    ("safe", &["safes"]),
    ("cliff", &["cliffs"]),
    ("passerby", &["passersby"]),
];

const IRREGULAR_VERBS: &[Irregular] = &[
    ("arise", &["arose"], &["arisen"]),
    ("awake", &["awoke"], &["awoken"]),
    ("bear", &["bore"], &["borne", "born"]),
    ("beat", &["beat"], &["beaten", "beat"]),
    ("become", &["became"], &["become"]),
    ("begin", &["began"], &["begun"]),
    ("bend", &["bent"], &["bent"]),
    ("bet", &["bet"], &["bet"]),
    ("bid", &["bid"], &["bid"]),
    ("bind", &["bound"], &["bound"]),
    ("bite", &["bit"], &["bitten"]),
    ("bleed", &["bled"], &["bled"]),
    ("blow", &["blew"], &["blown"]),
    ("break", &["broke"], &["broken"]),
    ("breed", &["bred"], &["bred"]),
    ("bring", &["brought"], &["brought"]),
    (
        "broadcast",
        &["broadcast", "broadcasted"],
        &["broadcast", "broadcasted"],
    ),
    ("build", &["built"], &["built"]),
    ("burn", &["burned", "burnt"], &["burned", "burnt"]),
    ("burst", &["burst"], &["burst"]),
    ("buy", &["bought"], &["bought"]),
    ("cast", &["cast"], &["cast"]),
    ("catch", &["caught"], &["caught"]),
    ("choose", &["chose"], &["chosen"]),
    ("cling", &["clung"], &["clung"]),
    ("come", &["came"], &["come"]),
    ("cost", &["cost"], &["cost"]),
    ("creep", &["crept"], &["crept"]),
    ("cut", &["cut"], &["cut"]),
    ("deal", &["dealt"], &["dealt"]),
    ("dig", &["dug"], &["dug"]),
    ("dive", &["dived", "dove"], &["dived"]),
    ("do", &["did"], &["done"]),
    ("draw", &["drew"], &["drawn"]),
    ("dream", &["dreamed", "dreamt"], &["dreamed", "dreamt"]),
    ("drink", &["drank"], &["drunk"]),
    ("drive", &["drove"], &["driven"]),
    ("dwell", &["dwelt", "dwelled"], &["dwelt", "dwelled"]),
    ("eat", &["ate"], &["eaten"]),
    ("fall", &["fell"], &["fallen"]),
    ("feed", &["fed"], &["fed"]),
    ("feel", &["felt"], &["felt"]),
    ("fight", &["fought"], &["fought"]),
    ("find", &["found"], &["found"]),
    ("flee", &["fled"], &["fled"]),
    ("fling", &["flung"], &["flung"]),
    ("fly", &["flew"], &["flown"]),
    ("forbid", &["forbade", "forbad"], &["forbidden"]),
    (
        "forecast",
        &["forecast", "forecasted"],
        &["forecast", "forecasted"],
    ),
    ("forget", &["forgot"], &["forgotten", "forgot"]),
    ("forgive", &["forgave"], &["forgiven"]),
    ("forsake", &["forsook"], &["forsaken"]),
    ("freeze", &["froze"], &["frozen"]),
    ("get", &["got"], &["got", "gotten"]),
    ("give", &["gave"], &["given"]),
    ("go", &["went"], &["gone"]),
    ("grind", &["ground"], &["ground"]),
    ("grow", &["grew"], &["grown"]),
    ("hang", &["hung", "hanged"], &["hung", "hanged"]),
    ("have", &["had"], &["had"]),
    ("hear", &["heard"], &["heard"]),
    ("hide", &["hid"], &["hidden", "hid"]),
    ("hit", &["hit"], &["hit"]),
    ("hold", &["held"], &["held"]),
    ("hurt", &["hurt"], &["hurt"]),
    ("keep", &["kept"], &["kept"]),
    ("kneel", &["knelt", "kneeled"], &["knelt", "kneeled"]),
    ("know", &["knew"], &["known"]),
    ("lay", &["laid"], &["laid"]),
    ("lead", &["led"], &["led"]),
    ("lean", &["leaned", "leant"], &["leaned", "leant"]),
    ("leap", &["leaped", "leapt"], &["leaped", "leapt"]),
    ("learn", &["learned", "learnt"], &["learned", "learnt"]),
    ("leave", &["left"], &["left"]),
    ("lend", &["lent"], &["lent"]),
    ("let", &["let"], &["let"]),
    ("lie", &["lay", "lied"], &["lain", "lied"]),
    ("light", &["lit", "lighted"], &["lit", "lighted"]),
    ("lose", &["lost"], &["lost"]),
    ("make", &["made"], &["made"]),
    ("mean", &["meant"], &["meant"]),
    ("meet", &["met"], &["met"]),
    ("overrun", &["overran"], &["overrun"]),
    ("overtake", &["overtook"], &["overtaken"]),
    ("pay", &["paid"], &["paid"]),
    ("prove", &["proved"], &["proved", "proven"]),
    ("put", &["put"], &["put"]),
    ("quit", &["quit", "quitted"], &["quit", "quitted"]),
    ("read", &["read"], &["read"]),
    ("rid", &["rid"], &["rid"]),
    ("ride", &["rode"], &["ridden"]),
    ("ring", &["rang"], &["rung"]),
    ("rise", &["rose"], &["risen"]),
    ("run", &["ran"], &["run"]),
    ("say", &["said"], &["said"]),
    ("see", &["saw"], &["seen"]),
    ("seek", &["sought"], &["sought"]),
    ("sell", &["sold"], &["sold"]),
    ("send", &["sent"], &["sent"]),
    ("set", &["set"], &["set"]),
    ("sew", &["sewed"], &["sewn", "sewed"]),
    ("shake", &["shook"], &["shaken"]),
    ("shed", &["shed"], &["shed"]),
    ("shine", &["shone", "shined"], &["shone", "shined"]),
    ("shoot", &["shot"], &["shot"]),
    ("show", &["showed"], &["shown", "showed"]),
    ("shrink", &["shrank", "shrunk"], &["shrunk"]),
    ("shut", &["shut"], &["shut"]),
    ("sing", &["sang"], &["sung"]),
    ("sink", &["sank", "sunk"], &["sunk"]),
    ("sit", &["sat"], &["sat"]),
    ("slay", &["slew", "slayed"], &["slain", "slayed"]),
    ("sleep", &["slept"], &["slept"]),
    ("slide", &["slid"], &["slid"]),
    ("sling", &["slung"], &["slung"]),
    ("slit", &["slit"], &["slit"]),
    ("speak", &["spoke"], &["spoken"]),
    ("speed", &["sped", "speeded"], &["sped", "speeded"]),
    ("spend", &["spent"], &["spent"]),
    ("spill", &["spilled", "spilt"], &["spilled", "spilt"]),
    ("spin", &["spun"], &["spun"]),
    ("spit", &["spat", "spit"], &["spat", "spit"]),
    ("split", &["split"], &["split"]),
    ("spread", &["spread"], &["spread"]),
    ("spring", &["sprang", "sprung"], &["sprung"]),
    ("stand", &["stood"], &["stood"]),
    ("steal", &["stole"], &["stolen"]),
    ("stick", &["stuck"], &["stuck"]),
    ("sting", &["stung"], &["stung"]),
    ("stink", &["stank", "stunk"], &["stunk"]),
    ("strike", &["struck"], &["struck", "stricken"]),
    ("string", &["strung"], &["strung"]),
    ("strive", &["strove", "strived"], &["striven", "strived"]),
    ("swear", &["swore"], &["sworn"]),
    ("sweep", &["swept"], &["swept"]),
    ("swell", &["swelled"], &["swollen", "swelled"]),
    ("swim", &["swam"], &["swum"]),
    ("swing", &["swung"], &["swung"]),
    ("take", &["took"], &["taken"]),
    ("teach", &["taught"], &["taught"]),
    ("tear", &["tore"], &["torn"]),
    ("tell", &["told"], &["told"]),
    ("think", &["thought"], &["thought"]),
    ("throw", &["threw"], &["thrown"]),
    ("thrust", &["thrust"], &["thrust"]),
    ("tread", &["trod"], &["trodden", "trod"]),
    ("undertake", &["undertook"], &["undertaken"]),
    ("uphold", &["upheld"], &["upheld"]),
    ("wake", &["woke", "waked"], &["woken", "waked"]),
    ("wear", &["wore"], &["worn"]),
    ("weave", &["wove", "weaved"], &["woven", "weaved"]),
    ("weep", &["wept"], &["wept"]),
    ("wet", &["wet", "wetted"], &["wet", "wetted"]),
    ("win", &["won"], &["won"]),
    ("wind", &["wound"], &["wound"]),
    ("withdraw", &["withdrew"], &["withdrawn"]),
    ("withhold", &["withheld"], &["withheld"]),
    ("wring", &["wrung"], &["wrung"]),
    ("write", &["wrote"], &["written"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn v(list: &[&str]) -> Vec<String> {
        owned(list)
    }

    /// Asserts every field: third person, past, past participle, gerund, plural.
    fn check(lemma: &str, third: &[&str], past: &[&str], pp: &[&str], ger: &[&str], pl: &[&str]) {
        let f = word_forms(lemma);
        assert_eq!(f.third_person, v(third), "third person of {lemma}");
        assert_eq!(f.past, v(past), "past of {lemma}");
        assert_eq!(f.past_participle, v(pp), "past participle of {lemma}");
        assert_eq!(f.gerund, v(ger), "gerund of {lemma}");
        assert_eq!(f.plural, v(pl), "plural of {lemma}");
    }

    #[test]
    fn regular_verbs() {
        check(
            "attack",
            &["attacks"],
            &["attacked"],
            &["attacked"],
            &["attacking"],
            &["attacks"],
        );
        check(
            "ambush",
            &["ambushes"],
            &["ambushed"],
            &["ambushed"],
            &["ambushing"],
            &["ambushes"],
        );
        check(
            "deny",
            &["denies"],
            &["denied"],
            &["denied"],
            &["denying"],
            &["denies"],
        );
        check(
            "deploy",
            &["deploys"],
            &["deployed"],
            &["deployed"],
            &["deploying"],
            &["deploys"],
        );
        check(
            "seize",
            &["seizes"],
            &["seized"],
            &["seized"],
            &["seizing"],
            &["seizes"],
        );
        check(
            "agree",
            &["agrees"],
            &["agreed"],
            &["agreed"],
            &["agreeing"],
            &["agrees"],
        );
        check(
            "die",
            &["dies"],
            &["died"],
            &["died"],
            &["dying"],
            &["dies"],
        );
        check(
            "wage",
            &["wages"],
            &["waged"],
            &["waged"],
            &["waging"],
            &["wages"],
        );
        check(
            "rescue",
            &["rescues"],
            &["rescued"],
            &["rescued"],
            &["rescuing"],
            &["rescues"],
        );
        check(
            "panic",
            &["panics"],
            &["panicked"],
            &["panicked"],
            &["panicking"],
            &["panics"],
        );
        check(
            "veto",
            &["vetoes", "vetos"],
            &["vetoed"],
            &["vetoed"],
            &["vetoing"],
            &["vetoes", "vetos"],
        );
        check(
            "fix",
            &["fixes"],
            &["fixed"],
            &["fixed"],
            &["fixing"],
            &["fixes"],
        );
    }

    #[test]
    fn consonant_doubling() {
        check(
            "stop",
            &["stops"],
            &["stopped"],
            &["stopped"],
            &["stopping"],
            &["stops"],
        );
        check(
            "plan",
            &["plans"],
            &["planned"],
            &["planned"],
            &["planning"],
            &["plans"],
        );
        check(
            "quit",
            &["quits"],
            &["quit", "quitted"],
            &["quit", "quitted"],
            &["quitting"],
            &["quits"],
        );
        check(
            "target",
            &["targets"],
            &["targeted", "targetted"],
            &["targeted", "targetted"],
            &["targeting", "targetting"],
            &["targets"],
        );
        check(
            "kidnap",
            &["kidnaps"],
            &["kidnaped", "kidnapped"],
            &["kidnaped", "kidnapped"],
            &["kidnaping", "kidnapping"],
            &["kidnaps"],
        );
        check(
            "equip",
            &["equips"],
            &["equiped", "equipped"],
            &["equiped", "equipped"],
            &["equiping", "equipping"],
            &["equips"],
        );
        // w, x, y never double; two vowels never double.
        check(
            "show",
            &["shows"],
            &["showed"],
            &["shown", "showed"],
            &["showing"],
            &["shows"],
        );
        check(
            "play",
            &["plays"],
            &["played"],
            &["played"],
            &["playing"],
            &["plays"],
        );
        check(
            "rain",
            &["rains"],
            &["rained"],
            &["rained"],
            &["raining"],
            &["rains"],
        );
        // The hyphenated last part decides the syllable count.
        assert_eq!(word_forms("air-drop").past, v(&["air-dropped"]));
    }

    #[test]
    fn irregular_verbs() {
        check(
            "be",
            &["is", "am", "are"],
            &["was", "were"],
            &["been"],
            &["being"],
            &[],
        );
        check("have", &["has"], &["had"], &["had"], &["having"], &[]);
        check("do", &["does"], &["did"], &["done"], &["doing"], &[]);
        check("go", &["goes"], &["went"], &["gone"], &["going"], &[]);
        check(
            "fight",
            &["fights"],
            &["fought"],
            &["fought"],
            &["fighting"],
            &["fights"],
        );
        check(
            "flee",
            &["flees"],
            &["fled"],
            &["fled"],
            &["fleeing"],
            &["flees"],
        );
        check(
            "run",
            &["runs"],
            &["ran"],
            &["run"],
            &["running"],
            &["runs"],
        );
        check(
            "lie",
            &["lies"],
            &["lay", "lied"],
            &["lain", "lied"],
            &["lying"],
            &["lies"],
        );
        check(
            "strike",
            &["strikes"],
            &["struck"],
            &["struck", "stricken"],
            &["striking"],
            &["strikes"],
        );
        check(
            "slay",
            &["slays"],
            &["slew", "slayed"],
            &["slain", "slayed"],
            &["slaying"],
            &["slays"],
        );
        check(
            "withdraw",
            &["withdraws"],
            &["withdrew"],
            &["withdrawn"],
            &["withdrawing"],
            &["withdraws"],
        );
        check(
            "get",
            &["gets"],
            &["got"],
            &["got", "gotten"],
            &["getting"],
            &["gets"],
        );
        check(
            "say",
            &["says"],
            &["said"],
            &["said"],
            &["saying"],
            &["says"],
        );
        check(
            "seek",
            &["seeks"],
            &["sought"],
            &["sought"],
            &["seeking"],
            &["seeks"],
        );
        let overtake = word_forms("overtake");
        assert_eq!(overtake.past, v(&["overtook"]));
        assert_eq!(overtake.past_participle, v(&["overtaken"]));
        assert_eq!(overtake.gerund, v(&["overtaking"]));
        let overrun = word_forms("overrun");
        assert_eq!(overrun.past, v(&["overran"]));
        assert_eq!(overrun.gerund, v(&["overruning", "overrunning"]));
    }

    #[test]
    fn prefixed_irregular_verbs() {
        let f = word_forms("rebuild");
        assert_eq!(f.past, v(&["rebuilt", "rebuilded"]));
        assert_eq!(f.past_participle, v(&["rebuilt", "rebuilded"]));
        assert_eq!(word_forms("oversee").past, v(&["oversaw", "overseed"]));
        assert_eq!(
            word_forms("oversee").past_participle,
            v(&["overseen", "overseed"])
        );
        assert_eq!(
            word_forms("misunderstand").past,
            v(&["misunderstood", "misunderstanded"])
        );
        // "relay" is not re + lay, and keeps its regular forms.
        assert!(word_forms("relay").past.contains(&"relayed".to_string()));
        // Not a prefix + irregular verb at all.
        assert_eq!(word_forms("recapture").past, v(&["recaptured"]));
    }

    #[test]
    fn noun_plurals() {
        let pl = |w: &str| word_forms(w).plural;
        assert_eq!(pl("man"), v(&["men"]));
        assert_eq!(pl("woman"), v(&["women"]));
        assert_eq!(pl("gunman"), v(&["gunmen"]));
        assert_eq!(pl("militiaman"), v(&["militiamen"]));
        assert_eq!(pl("chairman"), v(&["chairmen"]));
        assert_eq!(pl("human"), v(&["humans"]));
        assert_eq!(pl("child"), v(&["children"]));
        assert_eq!(pl("person"), v(&["people", "persons"]));
        assert_eq!(pl("crisis"), v(&["crises"]));
        assert_eq!(pl("diagnosis"), v(&["diagnoses"]));
        assert_eq!(pl("criterion"), v(&["criteria"]));
        assert_eq!(pl("medium"), v(&["media", "mediums"]));
        assert_eq!(pl("foot"), v(&["feet"]));
        assert_eq!(pl("chief"), v(&["chiefs"]));
        assert_eq!(pl("leaf"), v(&["leafs", "leaves"]));
        assert_eq!(pl("knife"), v(&["knifes", "knives"]));
        assert_eq!(pl("staff"), v(&["staffs"]));
        assert_eq!(pl("city"), v(&["cities"]));
        assert_eq!(pl("day"), v(&["days"]));
        assert_eq!(pl("church"), v(&["churches"]));
        assert_eq!(pl("box"), v(&["boxes"]));
        assert_eq!(pl("quiz"), v(&["quizzes"]));
        assert_eq!(pl("hero"), v(&["heroes", "heros"]));
        assert_eq!(pl("radio"), v(&["radios"]));
        assert_eq!(pl("aircraft"), v(&["aircraft"]));
    }

    #[test]
    fn multi_word_lemmas() {
        check(
            "carry out",
            &["carries out"],
            &["carried out"],
            &["carried out"],
            &["carrying out"],
            &["carries out", "carry outs"],
        );
        let f = word_forms("prisoner  of war");
        assert_eq!(f.lemma, "prisoner of war");
        assert!(f.plural.contains(&"prisoners of war".to_string()));
        assert!(
            word_forms("car bomb")
                .plural
                .contains(&"car bombs".to_string())
        );
        assert_eq!(word_forms("set up").past, v(&["set up"]));
        assert_eq!(
            word_forms("be killed").past,
            v(&["was killed", "were killed"])
        );
    }

    #[test]
    fn all_forms_deduplicated_in_order() {
        assert_eq!(word_forms("cut").all(), v(&["cut", "cuts", "cutting"]));
        assert_eq!(
            word_forms("seize").all(),
            v(&["seize", "seizes", "seized", "seizing"])
        );
        assert_eq!(
            word_forms("shoot").all(),
            v(&["shoot", "shoots", "shot", "shooting"])
        );
    }

    #[test]
    fn be_forms_list() {
        let be = be_forms();
        for f in [
            "be", "is", "am", "are", "was", "were", "been", "being", "'s", "'re",
        ] {
            assert!(be.contains(&f), "{f}");
        }
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        assert_eq!(word_forms(""), WordForms::default());
        assert_eq!(word_forms("  \t "), WordForms::default());
        assert_eq!(word_forms("").all(), Vec::<String>::new());
        assert_eq!(word_forms("5").all(), v(&["5"]));
        assert_eq!(word_forms("u.s.").all(), v(&["u.s."]));
        assert_eq!(word_forms("\u{301}").all(), v(&["\u{301}"]));
        assert_eq!(word_forms("😀").all(), v(&["😀"]));
        assert_eq!(word_forms("Attack").lemma, "attack");
        for w in [
            "e", "y", "ie", "ee", "q", "ç", "café", "zürich", "man", "sis", "f", "fe",
        ] {
            let _ = word_forms(w).all();
        }
        let long = format!("{}build", "re".repeat(5000));
        assert_eq!(word_forms(&long).past.len(), 1);
    }
}
