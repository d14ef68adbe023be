//! Date-restricted lexicon rows: the same phrase gets the code of the row
//! whose dates hold the document's date, and the undated rows otherwise.

mod support;

use evrule::compile::CompiledPack;
use evrule::document::Document;
use evrule::matcher::Matcher;

const PACK: &str = "\
=== main.evr
type Actor
lexicon \"actors.tsv\"
event Meeting { host: Actor, guest: Actor }

rule meet
  \"X meet Y\"
  X: Actor  Y: Actor
  => Meeting { host: X, guest: Y }
=== actors.tsv
# The office changes hands on 2014-09-29: the old holder becomes a former leader.
Karzai\tActor\tAFGGOV\tfrom=2001-12-22 until=2014-09-29
Karzai\tActor\tAFGELI
Ghani\tActor\tAFGGOV\tfrom=2014-09-29
Ghani\tActor\tAFGELI\tuntil=2014-09-29
Obama\tActor\tUSAGOV\tuntil=2017-01-20
Obama\tActor\tUSAELI\tfrom=2017-01-20
Obama\tActor\tUSAGOVPRS\tfrom=2009-01-20 until=2017-01-20
";

fn compiled() -> CompiledPack {
    let (dir, _) = support::write_fixture(PACK);
    support::compile_pack(dir.path())
}

/// `host-code guest-code` of each event of `text` on `date`.
fn codes(pack: &CompiledPack, text: &str, date: Option<&str>) -> Vec<String> {
    let doc = Document {
        date: date.map(str::to_string),
        ..Document::new("d", text)
    };
    Matcher::new(pack)
        .match_document(&doc)
        .events
        .iter()
        .map(|e| {
            let code = |field: &str| e.args[field].code.clone().unwrap_or_default();
            format!("{} {}", code("host"), code("guest"))
        })
        .collect()
}

#[test]
fn the_documents_date_chooses_among_dated_rows() {
    let pack = compiled();
    let text = "Karzai met Ghani.";
    assert_eq!(codes(&pack, text, Some("2010-05-01")), ["AFGGOV AFGELI"]);
    assert_eq!(codes(&pack, text, Some("2015-05-01")), ["AFGELI AFGGOV"]);
    // `from` is inclusive, `until` exclusive: the day of the handover.
    assert_eq!(codes(&pack, text, Some("2014-09-29")), ["AFGELI AFGGOV"]);
    assert_eq!(codes(&pack, text, Some("2014-09-28")), ["AFGGOV AFGELI"]);
    // A time after the date is fine.
    assert_eq!(
        codes(&pack, text, Some("2010-05-01T08:00:00Z")),
        ["AFGGOV AFGELI"]
    );
}

#[test]
fn undated_documents_and_uncovered_dates_get_the_undated_rows() {
    let pack = compiled();
    let text = "Karzai met Ghani.";
    // Karzai has an undated row; Ghani has only dated rows, so an undated
    // document finds no code-bearing row for him and no event.
    assert_eq!(codes(&pack, "Karzai met Karzai.", None), ["AFGELI AFGELI"]);
    assert_eq!(codes(&pack, text, None), Vec::<String>::new());
    // Before Karzai's range: his undated row.
    assert_eq!(codes(&pack, text, Some("1999-01-01")), ["AFGELI AFGELI"]);
    // A date field that is not a date counts as no date.
    assert_eq!(
        codes(&pack, "Karzai met Karzai.", Some("last week")),
        ["AFGELI AFGELI"]
    );
}

#[test]
fn overlapping_ranges_take_the_first_row_listed() {
    let pack = compiled();
    let text = "Obama met Karzai.";
    assert_eq!(codes(&pack, text, Some("2012-06-01")), ["USAGOV AFGGOV"]);
    assert_eq!(codes(&pack, text, Some("2005-06-01")), ["USAGOV AFGGOV"]);
    assert_eq!(codes(&pack, text, Some("2018-06-01")), ["USAELI AFGELI"]);
}
