//! A direct matcher for the simple patterns most AWS shapes declare: a
//! sequence of characters and character classes with quantifiers
//! (`[a-zA-Z0-9:/_-]+`, `[^:].*`, `^\d{12}$`). regex-lite runs a general
//! NFA through a cache pool for every string it checks, which made pattern
//! checks a large part of request validation; these patterns need no more
//! than a set of positions. Anything else (groups, alternation, look-around,
//! anchors inside the pattern) is left to regex-lite.
//!
//! The input is the text given to regex-lite (after the Java-to-regex
//! conversion) and the semantics are regex-lite's, whole-string: `.` is any
//! character but `\n`, `\d \w \s` are ASCII classes. A test compares both
//! on every pattern of the committed models.

/// A compiled simple pattern: a concatenation of items.
#[derive(Debug)]
pub(crate) struct Simple {
    items: Vec<Item>,
}

#[derive(Debug)]
struct Item {
    class: Class,
    repeat: Repeat,
}

/// How often an item may occur (bounded counts are expanded into copies).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Repeat {
    One,
    Optional,
    Star,
}

/// A set of characters: ranges, possibly negated.
#[derive(Clone, Debug, Default)]
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
}

impl Class {
    fn single(c: char) -> Class {
        Class {
            negated: false,
            ranges: vec![(c, c)],
        }
    }

    fn contains(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

/// The most items a pattern may expand to (states are bits of a `u128`).
const MAX_ITEMS: usize = 120;

impl Simple {
    /// Compiles `pattern` (regex-lite syntax, matched against the whole
    /// string) if it is a simple one; `None` otherwise.
    pub(crate) fn compile(pattern: &str) -> Option<Simple> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut i = 0;
        if chars.first() == Some(&'^') {
            i = 1;
        }
        let mut end = chars.len();
        if end > i && chars[end - 1] == '$' && !escaped(&chars, end - 1) {
            end -= 1;
        }
        let mut items = Vec::new();
        while i < end {
            let (class, next) = atom(&chars[..end], i)?;
            i = next;
            let (min, max, next) = quantifier(&chars[..end], i)?;
            i = next;
            for _ in 0..min {
                items.push(Item {
                    class: class.clone(),
                    repeat: Repeat::One,
                });
            }
            match max {
                None => items.push(Item {
                    class,
                    repeat: Repeat::Star,
                }),
                Some(max) => {
                    for _ in min..max {
                        items.push(Item {
                            class: class.clone(),
                            repeat: Repeat::Optional,
                        });
                    }
                }
            }
            if items.len() > MAX_ITEMS {
                return None;
            }
        }
        Some(Simple { items })
    }

    /// Whether the whole of `text` matches.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let n = self.items.len();
        let mut states = self.closure(1);
        for c in text.chars() {
            let mut next = 0u128;
            let mut rest = states;
            while rest != 0 {
                let i = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                if i < n && self.items[i].class.contains(c) {
                    next |= if self.items[i].repeat == Repeat::Star {
                        1 << i
                    } else {
                        1 << (i + 1)
                    };
                }
            }
            if next == 0 {
                return false;
            }
            states = self.closure(next);
        }
        states & (1 << n) != 0
    }

    /// Adds the positions reachable by skipping optional and starred items.
    fn closure(&self, mut states: u128) -> u128 {
        for (i, item) in self.items.iter().enumerate() {
            if states & (1 << i) != 0 && item.repeat != Repeat::One {
                states |= 1 << (i + 1);
            }
        }
        states
    }
}

/// Whether the character at `at` is preceded by an odd number of `\`.
fn escaped(chars: &[char], at: usize) -> bool {
    chars[..at].iter().rev().take_while(|c| **c == '\\').count() % 2 == 1
}

/// One atom at `i`: a literal, `.`, an escape or a bracket class.
fn atom(chars: &[char], i: usize) -> Option<(Class, usize)> {
    match *chars.get(i)? {
        '.' => Some((
            Class {
                negated: true,
                ranges: vec![('\n', '\n')],
            },
            i + 1,
        )),
        '[' => bracket(chars, i + 1),
        '\\' => {
            let (class, next) = escape(chars, i + 1)?;
            Some((class, next))
        }
        '(' | ')' | '|' | '?' | '*' | '+' | '{' | '}' | ']' | '^' | '$' => None,
        c => Some((Class::single(c), i + 1)),
    }
}

/// The escape after a `\` at `i - 1`, as a class.
fn escape(chars: &[char], i: usize) -> Option<(Class, usize)> {
    let c = *chars.get(i)?;
    let ranges = |r: &[(char, char)]| Class {
        negated: false,
        ranges: r.to_vec(),
    };
    let class = match c {
        'd' => ranges(&[('0', '9')]),
        'w' => ranges(&[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]),
        's' => ranges(&[('\t', '\r'), (' ', ' ')]),
        'S' => Class {
            negated: true,
            ..ranges(&[('\t', '\r'), (' ', ' ')])
        },
        't' => Class::single('\t'),
        'n' => Class::single('\n'),
        'r' => Class::single('\r'),
        'x' => return hex_escape(chars, i + 1).map(|(c, next)| (Class::single(c), next)),
        c if c.is_ascii_punctuation() => Class::single(c),
        _ => return None,
    };
    Some((class, i + 1))
}

/// `{XXXX}` or `XX` after `\x`.
fn hex_escape(chars: &[char], i: usize) -> Option<(char, usize)> {
    if chars.get(i) == Some(&'{') {
        let close = i + chars[i..].iter().position(|c| *c == '}')?;
        let digits: String = chars[i + 1..close].iter().collect();
        let c = char::from_u32(u32::from_str_radix(&digits, 16).ok()?)?;
        return Some((c, close + 1));
    }
    let digits: String = chars.get(i..i + 2)?.iter().collect();
    let c = char::from_u32(u32::from_str_radix(&digits, 16).ok()?)?;
    Some((c, i + 2))
}

/// A bracket class whose `[` was at `i - 1`.
fn bracket(chars: &[char], mut i: usize) -> Option<(Class, usize)> {
    let mut class = Class::default();
    if chars.get(i) == Some(&'^') {
        class.negated = true;
        i += 1;
    }
    let first = i;
    loop {
        let c = *chars.get(i)?;
        match c {
            ']' if i > first => return Some((class, i + 1)),
            '[' | ']' => return None,
            '-' if i == first || chars.get(i + 1) == Some(&']') => {
                class.ranges.push(('-', '-'));
                i += 1;
            }
            '-' => return None,
            '&' | '~' if chars.get(i + 1) == Some(&c) => return None,
            _ => {
                let (lo, next) = class_char(chars, i)?;
                i = next;
                match lo {
                    Member::Set(set) => {
                        if set.negated {
                            return None;
                        }
                        class.ranges.extend(set.ranges);
                    }
                    Member::Char(lo) => {
                        if chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|c| *c != ']') {
                            let (hi, next) = class_char(chars, i + 1)?;
                            let Member::Char(hi) = hi else {
                                return None;
                            };
                            if hi < lo {
                                return None;
                            }
                            class.ranges.push((lo, hi));
                            i = next;
                        } else {
                            class.ranges.push((lo, lo));
                        }
                    }
                }
            }
        }
    }
}

/// A member of a bracket class: one character or a class escape.
enum Member {
    Char(char),
    Set(Class),
}

fn class_char(chars: &[char], i: usize) -> Option<(Member, usize)> {
    match *chars.get(i)? {
        '\\' => {
            let (class, next) = escape(chars, i + 1)?;
            match class.ranges.as_slice() {
                [(lo, hi)] if lo == hi && !class.negated && !matches!(chars.get(i + 1), Some('d' | 'w' | 's')) => {
                    Some((Member::Char(*lo), next))
                }
                _ => Some((Member::Set(class), next)),
            }
        }
        '[' | ']' => None,
        c => Some((Member::Char(c), i + 1)),
    }
}

/// The quantifier at `i` (if any): `(min, max or unbounded, next)`.
fn quantifier(chars: &[char], i: usize) -> Option<(usize, Option<usize>, usize)> {
    let (min, max, next) = match chars.get(i) {
        Some('?') => (0, Some(1), i + 1),
        Some('*') => (0, None, i + 1),
        Some('+') => (1, None, i + 1),
        Some('{') => {
            let close = i + chars[i..].iter().position(|c| *c == '}')?;
            let inner: String = chars[i + 1..close].iter().collect();
            let (min, max) = match inner.split_once(',') {
                None => {
                    let n = inner.parse().ok()?;
                    (n, Some(n))
                }
                Some((lo, "")) => (lo.parse().ok()?, None),
                Some((lo, hi)) => (lo.parse().ok()?, Some(hi.parse().ok()?)),
            };
            if max.is_some_and(|max| max < min) || min > MAX_ITEMS || max.is_some_and(|m| m > MAX_ITEMS) {
                return None;
            }
            (min, max, close + 1)
        }
        _ => return Some((1, Some(1), i)),
    };
    // Lazy or possessive forms and stacked quantifiers are left to regex-lite.
    if matches!(chars.get(next), Some('?' | '+' | '*' | '{')) {
        return None;
    }
    Some((min, max, next))
}

#[cfg(test)]
mod tests;
