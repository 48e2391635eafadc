//! JMESPath evaluation.

use serde_json::{Map, Value};

use super::{equal, functions, truthy, Ast, Cmp};

pub(crate) fn eval(ast: &Ast, data: &Value, depth: usize) -> Result<Value, String> {
    if depth > 256 {
        return Err("Expression nested too deeply".into());
    }
    let d = depth + 1;
    Ok(match ast {
        Ast::Identity => data.clone(),
        Ast::Literal(v) => v.clone(),
        Ast::Field(name) => data.get(name).cloned().unwrap_or(Value::Null),
        Ast::Sub(l, r) => {
            let base = eval(l, data, d)?;
            if base.is_null() {
                Value::Null
            } else {
                eval(r, &base, d)?
            }
        }
        Ast::Index(l, n) => {
            let base = eval(l, data, d)?;
            match base {
                Value::Array(items) => {
                    let len = items.len() as i64;
                    let i = if *n < 0 { len + n } else { *n };
                    if (0..len).contains(&i) {
                        items[i as usize].clone()
                    } else {
                        Value::Null
                    }
                }
                _ => Value::Null,
            }
        }
        Ast::Slice(l, start, stop, step) => {
            let base = eval(l, data, d)?;
            match base {
                Value::Array(items) => Value::Array(slice(&items, *start, *stop, *step)),
                _ => Value::Null,
            }
        }
        Ast::Projection(l, r) => match eval(l, data, d)? {
            Value::Array(items) => collect(r, items.iter(), d)?,
            _ => Value::Null,
        },
        Ast::ValueProjection(l, r) => match eval(l, data, d)? {
            Value::Object(map) => collect(r, map.values(), d)?,
            _ => Value::Null,
        },
        Ast::FilterProjection(l, r, cond) => match eval(l, data, d)? {
            Value::Array(items) => {
                let mut kept = Vec::new();
                for item in &items {
                    if truthy(&eval(cond, item, d)?) {
                        kept.push(item);
                    }
                }
                collect(r, kept.into_iter(), d)?
            }
            _ => Value::Null,
        },
        Ast::Flatten(l) => match eval(l, data, d)? {
            Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item {
                        Value::Array(inner) => out.extend(inner),
                        other => out.push(other),
                    }
                }
                Value::Array(out)
            }
            _ => Value::Null,
        },
        Ast::Or(l, r) => {
            let left = eval(l, data, d)?;
            if truthy(&left) {
                left
            } else {
                eval(r, data, d)?
            }
        }
        Ast::And(l, r) => {
            let left = eval(l, data, d)?;
            if truthy(&left) {
                eval(r, data, d)?
            } else {
                left
            }
        }
        Ast::Not(e) => Value::Bool(!truthy(&eval(e, data, d)?)),
        Ast::Compare(c, l, r) => compare(*c, &eval(l, data, d)?, &eval(r, data, d)?),
        Ast::Pipe(l, r) => {
            let left = eval(l, data, d)?;
            eval(r, &left, d)?
        }
        Ast::MultiList(items) => {
            if data.is_null() {
                return Ok(Value::Null);
            }
            Value::Array(items.iter().map(|e| eval(e, data, d)).collect::<Result<_, _>>()?)
        }
        Ast::MultiHash(pairs) => {
            if data.is_null() {
                return Ok(Value::Null);
            }
            let mut map = Map::new();
            for (k, e) in pairs {
                map.insert(k.clone(), eval(e, data, d)?);
            }
            Value::Object(map)
        }
        Ast::Function(name, args) => functions::call(name, args, data, d)?,
        Ast::Expref(_) => Value::Null,
    })
}

fn collect<'a>(r: &Ast, items: impl Iterator<Item = &'a Value>, d: usize) -> Result<Value, String> {
    let mut out = Vec::new();
    for item in items {
        let v = eval(r, item, d)?;
        if !v.is_null() {
            out.push(v);
        }
    }
    Ok(Value::Array(out))
}

fn compare(c: Cmp, a: &Value, b: &Value) -> Value {
    match c {
        Cmp::Eq => Value::Bool(equal(a, b)),
        Cmp::Ne => Value::Bool(!equal(a, b)),
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => Value::Bool(match c {
                Cmp::Lt => x < y,
                Cmp::Le => x <= y,
                Cmp::Gt => x > y,
                _ => x >= y,
            }),
            _ => Value::Null,
        },
    }
}

/// Python slice semantics.
fn slice(items: &[Value], start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> Vec<Value> {
    let len = items.len() as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return Vec::new();
    }
    let clamp = |v: i64, lo: i64, hi: i64| v.max(lo).min(hi);
    let adjust = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(x) if x < 0 => {
            if step > 0 {
                clamp(len + x, 0, len)
            } else {
                clamp(len + x, -1, len - 1)
            }
        }
        Some(x) => {
            if step > 0 {
                clamp(x, 0, len)
            } else {
                clamp(x, -1, len - 1)
            }
        }
    };
    let (start, stop) = if step > 0 {
        (adjust(start, 0), adjust(stop, len))
    } else {
        (adjust(start, len - 1), adjust(stop, -1))
    };
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        if (0..len).contains(&i) {
            out.push(items[i as usize].clone());
        }
        i += step;
    }
    out
}
