//! Completion of names where they can stand: types after `:` and `|` in
//! slot and field types, events after `=>` and `event Name :`, word
//! classes after `@` in a pattern, fields inside a record's `{ … }`, slots
//! as a record field's value. The context is read from the text before
//! the cursor, so it works while the item being typed does not parse.

use lsp_types::{CompletionItem, CompletionItemKind};

use crate::lang::builtin_lists::{BUILTIN_LISTS, builtin_list};

use super::analysis::Analysis;
use super::hover::Decls;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Context {
    Types,
    Events,
    Classes,
    /// The fields of this record type (an event, or an entity type's
    /// `text` and `code`).
    Fields(String),
    /// The slots of the rule being written.
    Slots,
}

/// Completions at `offset` in `text` (a file of the analysed pack).
pub fn complete(analysis: &Analysis, text: &str, offset: usize) -> Vec<CompletionItem> {
    let decls = Decls::new(&analysis.syntax);
    let Some(context) = context(text, offset) else {
        return Vec::new();
    };
    let item = |label: &str, kind, detail: String| CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail),
        ..CompletionItem::default()
    };
    match context {
        Context::Types => decls
            .type_names()
            .into_iter()
            .map(|name| {
                let detail = match decls.types.get(name).and_then(|d| d.parent.as_ref()) {
                    Some(parent) => format!("type {name} : {}", parent.text),
                    None => format!("type {name}"),
                };
                item(name, CompletionItemKind::CLASS, detail)
            })
            .collect(),
        Context::Events => decls
            .events
            .values()
            .map(|d| {
                let detail = match &d.parent {
                    Some(parent) => format!("event {} : {}", d.name.text, parent.text),
                    None => format!("event {}", d.name.text),
                };
                item(&d.name.text, CompletionItemKind::EVENT, detail)
            })
            .collect(),
        Context::Classes => decls
            .classes
            .values()
            .filter(|d| builtin_list(&d.name.text).is_none())
            .map(|d| {
                let detail = format!("words {} ({} entries)", d.name.text, d.entries.len());
                item(&d.name.text, CompletionItemKind::ENUM, detail)
            })
            .chain(BUILTIN_LISTS.iter().map(|list| {
                let detail = format!("built-in list ({} default entries)", list.default.len());
                item(list.name, CompletionItemKind::ENUM, detail)
            }))
            .collect(),
        Context::Fields(record) => {
            if decls.events.contains_key(record.as_str()) {
                let record = decls.events.get_key_value(record.as_str()).map(|(k, _)| *k);
                decls
                    .event_fields(record.unwrap_or_default())
                    .into_iter()
                    .map(|(owner, f)| {
                        let types: Vec<&str> = f.types.iter().map(|t| t.text.as_str()).collect();
                        let detail = format!(
                            "{}: {}{} ({owner})",
                            f.name.text,
                            types.join(" | "),
                            if f.optional { "?" } else { "" }
                        );
                        item(&f.name.text, CompletionItemKind::FIELD, detail)
                    })
                    .collect()
            } else {
                ["text", "code"]
                    .into_iter()
                    .map(|f| {
                        item(
                            f,
                            CompletionItemKind::FIELD,
                            format!("{f} of the built mention"),
                        )
                    })
                    .collect()
            }
        }
        Context::Slots => {
            let item_text = &text[item_start(text, offset)..offset];
            let mut slots: Vec<String> = Vec::new();
            for line in item_text.lines() {
                let line = line.trim_start();
                if line.starts_with('"') || line.starts_with("=>") || line.starts_with("example") {
                    continue;
                }
                for part in line.split_whitespace() {
                    if let Some(slot) = part.strip_suffix(':')
                        && is_slot_name(slot)
                        && !slots.iter().any(|s| s == slot)
                    {
                        slots.push(slot.to_string());
                    }
                }
            }
            slots
                .iter()
                .map(|s| item(s, CompletionItemKind::VARIABLE, format!("slot {s}")))
                .collect()
        }
    }
}

fn is_slot_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

const ITEM_KEYWORDS: [&str; 8] = [
    "import", "type", "lexicon", "words", "discard", "entity", "event", "rule",
];

/// The start of the item holding `offset`: the last line at or before it
/// that starts with an item keyword in column 0.
fn item_start(text: &str, offset: usize) -> usize {
    let mut start = 0;
    let mut line_start = 0;
    for line in text[..offset].split_inclusive('\n') {
        if keyword_of(line).is_some() {
            start = line_start;
        }
        line_start += line.len();
    }
    start
}

fn keyword_of(line: &str) -> Option<&'static str> {
    ITEM_KEYWORDS.into_iter().find(|k| {
        line.strip_prefix(k)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })
}

fn context(text: &str, offset: usize) -> Option<Context> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let word_len = prefix
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum::<usize>();
    let before = &prefix[..prefix.len() - word_len];
    let mut quoted = false;
    for c in before.chars() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return None,
            _ => {}
        }
    }
    if quoted {
        return before.ends_with('@').then_some(Context::Classes);
    }
    let start = item_start(text, offset);
    let keyword = keyword_of(&text[start..]);
    let trimmed = before.trim_end();
    let open_brace = trimmed.rfind('{').filter(|&b| !trimmed[b..].contains('}'));
    if trimmed.ends_with("=>") {
        return Some(match keyword {
            Some("entity") => Context::Types,
            _ => Context::Events,
        });
    }
    if let Some(brace) = open_brace
        && (trimmed.ends_with('{') || trimmed.ends_with(','))
    {
        // `=> Record { |` or `=> Record { a: X, |`: the record's fields.
        let head = trimmed[..brace].trim_end();
        let arrow = head.rfind("=>")?;
        let record = head[arrow + 2..].trim();
        return (!record.is_empty()).then(|| Context::Fields(record.to_string()));
    }
    if trimmed.ends_with(':') {
        return match keyword {
            Some("type") => Some(Context::Types),
            Some("event") if open_brace.is_none() => Some(Context::Events),
            Some("event") => Some(Context::Types),
            Some("rule" | "entity") if open_brace.is_some() => {
                // `=> Event { field: |` takes a slot; an example's takes a string.
                let in_emit = trimmed.trim_start().starts_with("=>");
                in_emit.then_some(Context::Slots)
            }
            Some("rule" | "entity") => Some(Context::Types),
            _ => None,
        };
    }
    if trimmed.ends_with('|') {
        return matches!(keyword, Some("event" | "rule" | "entity")).then_some(Context::Types);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The context at the `‸` of a text.
    fn at(text: &str) -> Option<Context> {
        let offset = text.find('‸').expect("a cursor");
        context(&text.replace('‸', ""), offset)
    }

    #[test]
    fn the_text_before_the_cursor_says_what_can_stand_there() {
        assert_eq!(at("type A : Ac‸"), Some(Context::Types));
        assert_eq!(at("event E : ‸"), Some(Context::Events));
        assert_eq!(at("event E { a: Actor | ‸"), Some(Context::Types));
        assert_eq!(at("event E { a: ‸"), Some(Context::Types));
        assert_eq!(at("rule r\n  \"X go @‸\""), Some(Context::Classes));
        assert_eq!(at("rule r\n  \"X go ‸\""), None);
        assert_eq!(at("rule r\n  \"X go\"\n  X: ‸"), Some(Context::Types));
        assert_eq!(
            at("rule r\n  \"X go\"\n  X: A  Y: B | ‸"),
            Some(Context::Types)
        );
        assert_eq!(at("rule r\n  \"X go\"\n  => ‸"), Some(Context::Events));
        assert_eq!(at("entity r\n  \"X go\"\n  => ‸"), Some(Context::Types));
        assert_eq!(
            at("rule r\n  \"X go\"\n  => Visit { ‸"),
            Some(Context::Fields("Visit".into()))
        );
        assert_eq!(
            at("rule r\n  \"X go\"\n  => Visit { host: ‸"),
            Some(Context::Slots)
        );
        assert_eq!(
            at("rule r\n  => Visit\n  example \"x\" => Visit { host: \"x\", ‸"),
            Some(Context::Fields("Visit".into()))
        );
        assert_eq!(at("rule r\n  example \"x\" => Visit { host: ‸"), None);
        assert_eq!(at("words w = a, ‸"), None);
        assert_eq!(at("# a comment: ‸"), None);
        assert_eq!(at("rule r\n  # a comment: ‸"), None);
        assert_eq!(
            at("rule r\n  => Visit\n  example \"a # b\" => Visit { ‸"),
            Some(Context::Fields("Visit".into()))
        );
    }
}
