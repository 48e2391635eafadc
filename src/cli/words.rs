//! The console's shell layer: splits what the user typed into commands and
//! words the way bash would (quotes, backslash escapes, `\` line
//! continuations, `#` comments, `;` and newlines between commands), before
//! anything AWS-specific happens.
//!
//! Expansions (`$VAR`, `$(...)`, globs) are not performed: the text stays as
//! typed. Pipes, redirections and background jobs have no meaning in a
//! browser console and are refused with a clear message.

/// A shell-level problem with the input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShellError {
    /// A quote was opened and never closed (bash: "unexpected EOF while
    /// looking for matching ...").
    Unbalanced(char),
    /// An operator the console does not support (`|`, `>`, `&&`, ...).
    Unsupported(String),
}

impl ShellError {
    /// The message bash prints for it (bash names the shell `bash`).
    pub(crate) fn message(&self) -> String {
        match self {
            ShellError::Unbalanced(q) => {
                format!("bash: unexpected EOF while looking for matching `{q}'\n")
            }
            ShellError::Unsupported(op) => format!(
                "bash: `{op}': pipes, redirections and background jobs are not supported in this console \
                 (it runs one aws command per line)\n"
            ),
        }
    }
}

/// One word of a command, with where it starts in the input (for completion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub text: String,
    pub start: usize,
}

/// Splits `input` into commands (each a list of words).
pub(crate) fn split(input: &str) -> Result<Vec<Vec<Word>>, ShellError> {
    let scanned = scan(input);
    if let Some(q) = scanned.open_quote {
        return Err(ShellError::Unbalanced(q));
    }
    if let Some(op) = scanned.unsupported {
        return Err(ShellError::Unsupported(op));
    }
    Ok(scanned.commands.into_iter().filter(|c| !c.is_empty()).collect())
}

/// Whether `input` is a complete command: no open quote and no trailing
/// line continuation. A console can keep reading lines while it is not.
pub fn is_complete(input: &str) -> bool {
    let scanned = scan(input);
    scanned.open_quote.is_none() && !scanned.trailing_backslash
}

/// The words of the last command in `input` up to its end, and whether the
/// text ends inside a word (for completion: the last word is then partial).
pub(crate) fn words_for_completion(input: &str) -> (Vec<Word>, bool) {
    let scanned = scan(input);
    let last = scanned.commands.into_iter().last().unwrap_or_default();
    let in_word = scanned.in_word;
    (last, in_word)
}

struct Scanned {
    commands: Vec<Vec<Word>>,
    open_quote: Option<char>,
    unsupported: Option<String>,
    trailing_backslash: bool,
    in_word: bool,
}

fn scan(input: &str) -> Scanned {
    let chars: Vec<(usize, char)> = input.char_indices().collect();
    let mut commands: Vec<Vec<Word>> = vec![Vec::new()];
    let mut current: Option<Word> = None;
    let mut unsupported = None;
    let mut open_quote = None;
    let mut trailing_backslash = false;
    let mut i = 0;
    let push_char = |current: &mut Option<Word>, at: usize, c: char| match current {
        Some(w) => w.text.push(c),
        None => {
            *current = Some(Word {
                text: c.to_string(),
                start: at,
            })
        }
    };
    let start_word = |current: &mut Option<Word>, at: usize| {
        if current.is_none() {
            *current = Some(Word {
                text: String::new(),
                start: at,
            });
        }
    };
    let finish = |current: &mut Option<Word>, commands: &mut Vec<Vec<Word>>| {
        if let Some(w) = current.take() {
            if let Some(last) = commands.last_mut() {
                last.push(w);
            }
        }
    };
    while i < chars.len() {
        let (at, c) = chars[i];
        match c {
            ' ' | '\t' | '\r' => {
                finish(&mut current, &mut commands);
                i += 1;
            }
            '\n' | ';' => {
                finish(&mut current, &mut commands);
                commands.push(Vec::new());
                i += 1;
            }
            '#' if current.is_none() => {
                while i < chars.len() && chars[i].1 != '\n' {
                    i += 1;
                }
            }
            '\\' => match chars.get(i + 1) {
                Some((_, '\n')) => i += 2,
                Some((_, '\r')) if matches!(chars.get(i + 2), Some((_, '\n'))) => i += 3,
                Some(&(_, next)) => {
                    push_char(&mut current, at, next);
                    i += 2;
                }
                None => {
                    trailing_backslash = true;
                    i += 1;
                }
            },
            '\'' => {
                start_word(&mut current, at);
                i += 1;
                let mut closed = false;
                while i < chars.len() {
                    let (_, q) = chars[i];
                    i += 1;
                    if q == '\'' {
                        closed = true;
                        break;
                    }
                    push_char(&mut current, at, q);
                }
                if !closed {
                    open_quote = Some('\'');
                }
            }
            '"' => {
                start_word(&mut current, at);
                i += 1;
                let mut closed = false;
                while i < chars.len() {
                    let (_, q) = chars[i];
                    if q == '"' {
                        closed = true;
                        i += 1;
                        break;
                    }
                    if q == '\\' {
                        match chars.get(i + 1).map(|x| x.1) {
                            Some('\n') => {
                                i += 2;
                                continue;
                            }
                            Some(n @ ('$' | '`' | '"' | '\\')) => {
                                push_char(&mut current, at, n);
                                i += 2;
                                continue;
                            }
                            _ => {}
                        }
                    }
                    push_char(&mut current, at, q);
                    i += 1;
                }
                if !closed {
                    open_quote = Some('"');
                }
            }
            '|' | '&' | '<' | '>' | '(' | ')' | '`' => {
                if unsupported.is_none() {
                    let mut op = c.to_string();
                    if let Some(&(_, n)) = chars.get(i + 1) {
                        if n == c || (c == '>' && n == '&') {
                            op.push(n);
                        }
                    }
                    unsupported = Some(op);
                }
                finish(&mut current, &mut commands);
                i += 1;
            }
            _ => {
                push_char(&mut current, at, c);
                i += 1;
            }
        }
    }
    let in_word = current.is_some();
    finish(&mut current, &mut commands);
    Scanned {
        commands,
        open_quote,
        unsupported,
        trailing_backslash,
        in_word,
    }
}
