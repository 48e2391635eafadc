//! `--query`: a JMESPath implementation over `serde_json::Value` that keeps
//! object key order, as the CLI's Python dicts do (the `jmespath` crate
//! converts objects to sorted maps, and adds about 53 KB gzipped to the wasm).
//!
//! It covers the JMESPath specification: identifiers, sub-expressions,
//! indexes and slices, list/object/filter projections, flatten, pipes,
//! `||`/`&&`/`!`, comparisons, multi-select lists and hashes, literals, raw
//! strings, `@`, `&expr` and the built-in functions.

use serde_json::Value;

mod eval;
mod functions;
mod lexer;
mod parser;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ast {
    Identity,
    Field(String),
    Literal(Value),
    Sub(Box<Ast>, Box<Ast>),
    Index(Box<Ast>, i64),
    Slice(Box<Ast>, Option<i64>, Option<i64>, Option<i64>),
    /// A list projection: left, then right on each element.
    Projection(Box<Ast>, Box<Ast>),
    ValueProjection(Box<Ast>, Box<Ast>),
    FilterProjection(Box<Ast>, Box<Ast>, Box<Ast>),
    Flatten(Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Not(Box<Ast>),
    Compare(Cmp, Box<Ast>, Box<Ast>),
    Pipe(Box<Ast>, Box<Ast>),
    MultiList(Vec<Ast>),
    MultiHash(Vec<(String, Ast)>),
    Function(String, Vec<Ast>),
    Expref(Box<Ast>),
}

/// A comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// Compiles `expression`; the error is the CLI's message for a bad `--query`.
pub(crate) fn compile(expression: &str) -> Result<Ast, String> {
    let tokens = lexer::tokenize(expression)?;
    parser::parse(expression, tokens)
}

/// Evaluates `ast` against `data`; the error is a runtime error message.
pub(crate) fn search(ast: &Ast, data: &Value) -> Result<Value, String> {
    eval::eval(ast, data, 0)
}

/// JMESPath truthiness.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Number(_) => true,
    }
}

/// The JMESPath type name of a value.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Objects compare by content regardless of key order.
pub(crate) fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => a == b,
    }
}
