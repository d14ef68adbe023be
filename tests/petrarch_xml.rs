//! PETRARCH XML input through `evrule run`'s reader: the shared unit-test
//! records file, and a malformed file followed by a good one.

mod support;

use std::path::PathBuf;

use evrule::corpus::read::{TextMode, expand_inputs};

#[test]
fn the_unit_test_records_are_one_document_per_sentence() {
    let Some(shared) = support::shared_dir() else {
        return;
    };
    let path = shared.join("petrarch/PETR.UnitTest.records.xml");
    if !path.is_file() {
        eprintln!("skipping: {} is absent", path.display());
        return;
    }
    let (docs, refused): (Vec<_>, Vec<_>) = expand_inputs(&[path])
        .documents(TextMode::File)
        .partition(Result::is_ok);
    let docs: Vec<_> = docs.into_iter().map(Result::unwrap).collect();
    // ERROR-02's <Parse> is unbalanced: PETRARCH refuses it, and so does
    // the reader, saying where and which.
    let refused: Vec<String> = refused
        .into_iter()
        .map(|r| r.unwrap_err().message)
        .collect();
    assert_eq!(
        refused,
        [
            "sentence `ERROR-02`: its <Parse> opens 36 brackets and closes 37; PETRARCH rejects such a record (bad_input_parse), so it is not coded"
        ]
    );
    assert_eq!(docs.len(), 189);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids[..3], ["DEMO-00", "DEMO-01", "DEMO-03"]);
    assert_eq!(ids[186..], ["ABOUT-01", "ICC-01", "FINAL-RECORD"]);
    assert_eq!(docs[0].date.as_deref(), Some("1995-01-01"));
    let mut dates: Vec<&str> = docs.iter().filter_map(|d| d.date.as_deref()).collect();
    assert_eq!(dates.len(), 189);
    dates.sort();
    assert_eq!(
        (dates[0], dates[188]),
        ("1978-12-23", "2012-12-25"),
        "earliest and latest dates"
    );
    let meta = docs[0].meta.as_ref().expect("other attributes");
    assert_eq!(meta["category"], "DEMO");
    assert!(
        docs.iter()
            .all(|d| !d.text.contains('\n') && !d.text.is_empty()),
        "texts are joined onto one line"
    );
}

#[test]
fn a_malformed_file_fails_where_it_breaks_and_the_next_input_is_read() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let bad = dir.path().join("a.xml");
    let good = dir.path().join("b.xml.gz");
    std::fs::write(
        &bad,
        "<Sentences>\n<Sentence id=\"s1\" date=\"20150101\"><Text>One.</Text></Sentence>\n<Sentence id=\"s2\"><Text>Two.</Sentence>\n",
    )
    .expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut gz,
        b"<Sentences><Sentence id=\"s3\" date=\"20160229\"><Text>Three.</Text></Sentence></Sentences>",
    )
    .expect("gzip");
    std::fs::write(&good, gz.finish().expect("gzip")).expect("write");
    let results: Vec<String> = expand_inputs(&[PathBuf::from(dir.path())])
        .documents(TextMode::File)
        .map(|r| match r {
            Ok(doc) => format!("{} {} {:?}", doc.id, doc.text, doc.date),
            Err(failure) => {
                let name = bad.display().to_string();
                failure.to_string().replacen(&name, "a.xml", 1)
            }
        })
        .collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0], "s1 One. Some(\"2015-01-01\")");
    assert!(
        results[1].starts_with("a.xml:3:29: malformed XML"),
        "{}",
        results[1]
    );
    assert_eq!(results[2], "s3 Three. Some(\"2016-02-29\")");
}
