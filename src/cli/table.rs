//! `--output table`: awscli's `TableFormatter` and `MultiTable`, boxed
//! sections titled by the operation and the keys, sorted headers, columns
//! scaled to the terminal width (80 unless the console says otherwise) and
//! turned vertical when too wide. Colour is off: the console is no TTY.

use serde_json::{Map, Value};

use super::pyjson::py_str;

/// The table output of `value` under `title` for a terminal `width` wide.
pub(crate) fn format(title: &str, value: &Value, width: usize) -> String {
    let mut t = MultiTable { sections: Vec::new() };
    if !build(&mut t, Some(title), value, 0) {
        return String::new();
    }
    t.render(width.max(10))
}

#[derive(Default, Clone)]
struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    max_widths: Vec<usize>,
}

struct MultiTable {
    sections: Vec<Section>,
}

fn text_len(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// East Asian Wide, Fullwidth or Ambiguous (Python's `'WFA'` check), for the
/// common ranges.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD)
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

impl Section {
    fn add_header(&mut self, headers: Vec<String>) {
        self.update_widths(&headers);
        self.headers = headers;
    }

    fn add_row(&mut self, row: Vec<String>) {
        self.update_widths(&row);
        self.rows.push(row);
    }

    fn update_widths(&mut self, row: &[String]) {
        if self.max_widths.is_empty() {
            self.max_widths = row.iter().map(|s| text_len(s)).collect();
        } else {
            for (i, el) in row.iter().enumerate() {
                if let Some(w) = self.max_widths.get_mut(i) {
                    *w = (*w).max(text_len(el));
                }
            }
        }
    }

    fn column_widths(&self, padding: usize, max_width: Option<usize>) -> Vec<usize> {
        let unscaled: Vec<usize> = self.max_widths.iter().map(|w| w + padding).collect();
        let Some(max_width) = max_width else { return unscaled };
        let sum: usize = unscaled.iter().sum();
        if unscaled.is_empty() || sum == 0 {
            return unscaled;
        }
        let factor = max_width as f64 / sum as f64;
        let mut scaled: Vec<i64> = unscaled.iter().map(|w| round_half_even(factor * *w as f64)).collect();
        let mut off_by: i64 = scaled.iter().sum::<i64>() - max_width as i64;
        let n = scaled.len();
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 {
                (0..n).rev().collect()
            } else {
                (0..n).collect()
            };
            for i in order {
                if off_by > 0 {
                    scaled[i] -= 1;
                    off_by -= 1;
                } else {
                    scaled[i] += 1;
                    off_by += 1;
                }
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }

    fn total_width(&self, padding: usize, outer: usize) -> usize {
        let total: usize = self.column_widths(0, None).iter().map(|w| w + padding).sum::<usize>() + 2 + 2 * outer;
        total.max(text_len(&self.title) + 2 + 2 * outer)
    }
}

/// Python's `round()` (half to even).
fn round_half_even(x: f64) -> i64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 && (r as i64) % 2 != 0 {
        (r - x.signum()) as i64
    } else {
        r as i64
    }
}

fn build(t: &mut MultiTable, title: Option<&str>, current: &Value, indent: usize) -> bool {
    if !truthy(current) {
        return false;
    }
    if let Some(title) = title {
        t.sections.push(Section {
            title: title.to_owned(),
            indent,
            ..Section::default()
        });
    }
    if t.sections.is_empty() {
        t.sections.push(Section::default());
    }
    match current {
        Value::Array(items) => {
            if items.first().is_some_and(Value::is_object) {
                sub_table_from_list(t, items, indent, title.unwrap_or_default());
            } else {
                for item in items {
                    if is_scalar(item) {
                        t.current().add_row(vec![py_str(item)]);
                    } else if let Value::Array(inner) = item {
                        if inner.iter().all(is_scalar) {
                            t.current().add_row(inner.iter().map(py_str).collect());
                        } else {
                            build(t, None, item, 0);
                        }
                    } else {
                        build(t, None, item, 0);
                    }
                }
            }
        }
        Value::Object(map) => sub_table_from_dict(t, map, indent),
        _ => {}
    }
    true
}

impl MultiTable {
    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    fn render(&mut self, terminal_width: usize) -> String {
        let mut max_width = self.max_width();
        if max_width > terminal_width {
            for s in self.sections.iter_mut() {
                if s.rows.len() == 1 && !s.headers.is_empty() {
                    let mut new = Section {
                        title: s.title.clone(),
                        indent: s.indent,
                        ..Section::default()
                    };
                    let row = s.rows[0].clone();
                    for (h, e) in s.headers.clone().into_iter().zip(row) {
                        new.add_row(vec![h, e]);
                    }
                    *s = new;
                }
            }
            max_width = self.max_width();
        }
        let mut out = format!("{}\n", "-".repeat(max_width));
        for s in &self.sections {
            render_section(s, max_width, &mut out);
        }
        out
    }

    fn max_width(&self) -> usize {
        self.sections
            .iter()
            .map(|s| s.total_width(4, s.indent))
            .max()
            .unwrap_or(0)
    }
}

fn sub_table_from_dict(t: &mut MultiTable, map: &Map<String, Value>, indent: usize) {
    let (headers, more) = group_scalar_keys(map);
    if headers.len() == 1 {
        let v = map.get(&headers[0]).map(py_str).unwrap_or_default();
        t.current().add_row(vec![headers[0].clone(), v]);
    } else if !headers.is_empty() {
        let row = headers
            .iter()
            .map(|k| map.get(k).map(py_str).unwrap_or_default())
            .collect();
        t.current().add_header(headers);
        t.current().add_row(row);
    }
    for k in more {
        if let Some(v) = map.get(&k) {
            build(t, Some(&k), v, indent + 1);
        }
    }
}

fn sub_table_from_list(t: &mut MultiTable, items: &[Value], indent: usize, title: &str) {
    let mut headers = std::collections::BTreeSet::new();
    let mut more = std::collections::BTreeSet::new();
    for item in items {
        if let Value::Object(m) = item {
            let (h, x) = group_scalar_keys(m);
            headers.extend(h);
            more.extend(x);
        }
    }
    let headers: Vec<String> = headers.into_iter().collect();
    let more: Vec<String> = more.into_iter().collect();
    t.current().add_header(headers.clone());
    let mut first = true;
    for item in items {
        let Value::Object(m) = item else { continue };
        if !first && !more.is_empty() {
            t.sections.push(Section {
                title: title.to_owned(),
                indent,
                ..Section::default()
            });
            t.current().add_header(headers.clone());
        }
        first = false;
        let row = headers
            .iter()
            .map(|h| m.get(h).map(py_str).unwrap_or_default())
            .collect();
        t.current().add_row(row);
        for k in &more {
            if let Some(v) = m.get(k) {
                build(t, Some(k), v, indent + 1);
            }
        }
    }
}

fn group_scalar_keys(map: &Map<String, Value>) -> (Vec<String>, Vec<String>) {
    let mut headers: Vec<String> = map
        .iter()
        .filter(|(_, v)| is_scalar(v))
        .map(|(k, _)| k.clone())
        .collect();
    let mut more: Vec<String> = map
        .iter()
        .filter(|(_, v)| !is_scalar(v))
        .map(|(k, _)| k.clone())
        .collect();
    headers.sort();
    more.sort();
    (headers, more)
}

fn center(text: &str, length: usize, left: &str, right: &str) -> String {
    let tl = text_len(text) as i64;
    let start = (length as i64).div_euclid(2) - tl.div_euclid(2) - 1;
    let so_far = text_len(left) as i64 + start + tl;
    let right_spaces = length as i64 - text_len(right) as i64 - so_far;
    format!(
        "{left}{}{text}{}{right}",
        " ".repeat(start.max(0) as usize),
        " ".repeat(right_spaces.max(0) as usize)
    )
}

fn align_left(text: &str, length: usize, left: &str, right: &str) -> String {
    let tl = text_len(text);
    let computed = tl + 2 + text_len(left) + text_len(right);
    let padding = if length >= computed { 2 } else { 0 };
    let so_far = left.chars().count() + padding + tl;
    let fill = length.saturating_sub(so_far + right.chars().count());
    format!("{left}{}{text}{}{right}", " ".repeat(padding), " ".repeat(fill))
}

fn line_break(widths: &[usize]) -> String {
    let mut s = String::new();
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            s.push_str(&format!("+{}+", "-".repeat(w.saturating_sub(2))));
        } else {
            s.push_str(&format!("{}+", "-".repeat(w.saturating_sub(1))));
        }
    }
    s
}

fn render_section(s: &Section, max_width: usize, out: &mut String) {
    let indent = s.indent;
    let width = max_width.saturating_sub(indent * 2);
    let mut write = |line: &str| {
        out.push_str(&"|".repeat(indent));
        out.push_str(line);
        out.push_str(&"|".repeat(indent));
        out.push('\n');
    };
    if !s.title.is_empty() {
        write(&center(&s.title, width, "|", "|"));
        if s.headers.is_empty() && s.rows.is_empty() {
            write(&format!("+{}+", "-".repeat(width.saturating_sub(2))));
        }
    }
    if !s.headers.is_empty() {
        let widths = s.column_widths(4, Some(width));
        let mut line = String::new();
        for (i, (w, h)) in widths.iter().zip(&s.headers).enumerate() {
            line.push_str(&center(h, *w, if i == 0 { "|" } else { "" }, "|"));
        }
        write(&line_break(&widths));
        write(&line);
    }
    if !s.rows.is_empty() {
        let widths = s.column_widths(4, Some(width));
        if widths.is_empty() {
            return;
        }
        write(&line_break(&widths));
        for row in &s.rows {
            let mut line = String::new();
            for (i, (w, el)) in widths.iter().zip(row).enumerate() {
                line.push_str(&align_left(el, *w, if i == 0 { "|" } else { "" }, "|"));
            }
            write(&line);
        }
        write(&line_break(&widths));
    }
}
