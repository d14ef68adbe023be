//! A pack is confined to its folder: links, FIFOs, devices, huge files and
//! path tricks are refused with a message naming the file, and checking
//! ends whatever the pack folder holds.

use std::os::unix::fs::symlink;

use crate::harness::{PACK, evrule, mkfifo, with_pack, write};
use crate::support::write_fixture;

const OUTSIDE_RULE: &str = "rule outside
  \"X strike Y\"
  X: Actor  Y: Actor
  => Attack { attacker: X, victim: Y }
";

#[test]
fn a_linked_rule_file_from_outside_the_pack_is_refused_not_loaded() {
    let dir = with_pack();
    write(&dir.path().join("elsewhere/evil.evr"), OUTSIDE_RULE);
    symlink(
        dir.path().join("elsewhere/evil.evr"),
        dir.path().join("pack/evil.evr"),
    )
    .unwrap();
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr.contains("cannot read evil.evr: it is a link to")
            && run.stderr.contains("elsewhere/evil.evr, outside the pack"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_to_the_root_folder_is_not_walked() {
    let dir = with_pack();
    symlink("/", dir.path().join("pack/root")).unwrap();
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(0);
    assert!(
        run.stderr
            .contains("root is a link to a folder (not followed)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rule_file_linked_to_dev_zero_is_refused() {
    let dir = with_pack();
    symlink("/dev/zero", dir.path().join("pack/zero.evr")).unwrap();
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr.contains("cannot read zero.evr"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fifo_named_like_a_rule_file_does_not_block() {
    let dir = with_pack();
    mkfifo(&dir.path().join("pack/pipe.evr"));
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr
            .contains("cannot read pipe.evr: it is a FIFO, not a regular file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rule_file_over_the_size_cap_is_refused() {
    let dir = with_pack();
    let comment = format!("# {}\n", "x".repeat(1 << 20));
    write(&dir.path().join("pack/huge.evr"), comment.repeat(5));
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr
            .contains("cannot read huge.evr: it is larger than 4194304 bytes"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_lexicon_linked_from_outside_is_refused() {
    let (dir, _) = write_fixture(
        "=== pack/main.evr
type Actor
lexicon \"actors.tsv\"
=== secret.tsv
Russia\tActor\tRUS
",
    );
    symlink(
        dir.path().join("secret.tsv"),
        dir.path().join("pack/actors.tsv"),
    )
    .unwrap();
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr.contains("lexicon path leaves the pack") && run.stderr.contains("main.evr:2:9"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_import_spelled_through_a_parent_folder_loads_the_file_once() {
    let (dir, _) = write_fixture(
        "=== pack/main.evr
import \"sub/../types.evr\"
import \"types.evr\"
event Attack { attacker: Actor }
=== pack/types.evr
type Actor
=== pack/sub/other.evr
import \"./sub/../types.evr\"
",
    );
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(0);
    assert!(!run.stderr.contains("twice"), "{}", run.stderr);
}

#[test]
fn a_single_file_pack_is_confined_to_its_folder() {
    let dir = with_pack();
    write(
        &dir.path().join("pack/one.evr"),
        "import \"../elsewhere.evr\"\ntype Actor\n",
    );
    let run = evrule(dir.path(), &["check", "pack/one.evr"]);
    run.assert_code(3);
    assert!(
        run.stderr.contains("import path leaves the pack"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8_in_a_rule_file_is_located_at_its_first_bad_byte() {
    let dir = with_pack();
    write(
        &dir.path().join("pack/bad.evr"),
        b"type Place\ntype Ci\xffty : Place\n",
    );
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr.contains("rule file is not UTF-8") && run.stderr.contains("bad.evr:2:8"),
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8_in_a_lexicon_is_located_at_its_first_bad_byte() {
    let dir = with_pack();
    write(
        &dir.path().join("pack/actors.tsv"),
        b"Russia\tActor\tRUS\nIs\xe9s\tActor\tX\n",
    );
    let run = evrule(dir.path(), &["check", "pack"]);
    run.assert_code(3);
    assert!(
        run.stderr.contains("lexicon is not UTF-8") && run.stderr.contains("actors.tsv:2:3"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_shipped_fixture_pack_is_clean() {
    // The base every case above changes: it must check clean by itself.
    let (dir, _) = write_fixture(PACK);
    evrule(dir.path(), &["check", "pack"]).assert_code(0);
}
