//! JMESPath built-in functions.

use serde_json::{Map, Number, Value};

use super::eval::eval;
use super::{equal, type_name, Ast};
use crate::cli::pyjson;

fn num(f: f64) -> Value {
    if f.fract() == 0.0 && f.abs() < 9.0e15 {
        Value::from(f as i64)
    } else {
        Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)
    }
}

fn invalid(name: &str, v: &Value, expected: &str) -> String {
    format!(
        "In function {name}(), invalid type for value: {}, expected one of: {expected}, received: \"{}\"",
        pyjson::py_str(v),
        type_name(v)
    )
}

fn arity(name: &str, args: &[Ast], n: usize) -> Result<(), String> {
    if args.len() != n {
        return Err(format!(
            "Expected {n} argument{} for function {name}(), received {}",
            if n == 1 { "" } else { "s" },
            args.len()
        ));
    }
    Ok(())
}

fn expref(name: &str, a: &Ast) -> Result<Ast, String> {
    match a {
        Ast::Expref(e) => Ok((**e).clone()),
        _ => Err(format!(
            "In function {name}(), invalid type for value: None, expected one of: ['expref'], received: \"null\""
        )),
    }
}

fn sort_key(v: &Value) -> Option<(u8, f64, String)> {
    match v {
        Value::Number(n) => Some((0, n.as_f64().unwrap_or(0.0), String::new())),
        Value::String(s) => Some((1, 0.0, s.clone())),
        _ => None,
    }
}

pub(crate) fn call(name: &str, args: &[Ast], data: &Value, d: usize) -> Result<Value, String> {
    let arg = |i: usize| -> Result<Value, String> { eval(&args[i], data, d) };
    match name {
        "abs" | "ceil" | "floor" => {
            arity(name, args, 1)?;
            let v = arg(0)?;
            let f = v.as_f64().ok_or_else(|| invalid(name, &v, "['number']"))?;
            Ok(num(match name {
                "abs" => f.abs(),
                "ceil" => f.ceil(),
                _ => f.floor(),
            }))
        }
        "avg" | "sum" => {
            arity(name, args, 1)?;
            let v = arg(0)?;
            let items = v.as_array().ok_or_else(|| invalid(name, &v, "['array-number']"))?;
            let mut total = 0.0;
            for x in items {
                total += x.as_f64().ok_or_else(|| invalid(name, &v, "['array-number']"))?;
            }
            if name == "avg" {
                if items.is_empty() {
                    return Ok(Value::Null);
                }
                return Ok(Number::from_f64(total / items.len() as f64).map_or(Value::Null, Value::Number));
            }
            Ok(num(total))
        }
        "contains" => {
            arity(name, args, 2)?;
            let (hay, needle) = (arg(0)?, arg(1)?);
            Ok(Value::Bool(match &hay {
                Value::Array(items) => items.iter().any(|x| equal(x, &needle)),
                Value::String(s) => needle.as_str().is_some_and(|n| s.contains(n)),
                other => return Err(invalid(name, other, "['array', 'string']")),
            }))
        }
        "ends_with" | "starts_with" => {
            arity(name, args, 2)?;
            let (s, p) = (arg(0)?, arg(1)?);
            let s = s.as_str().ok_or_else(|| invalid(name, &s, "['string']"))?.to_owned();
            let p = p.as_str().ok_or_else(|| invalid(name, &p, "['string']"))?.to_owned();
            Ok(Value::Bool(if name == "ends_with" {
                s.ends_with(&p)
            } else {
                s.starts_with(&p)
            }))
        }
        "join" => {
            arity(name, args, 2)?;
            let (sep, list) = (arg(0)?, arg(1)?);
            let sep = sep
                .as_str()
                .ok_or_else(|| invalid(name, &sep, "['string']"))?
                .to_owned();
            let items = list
                .as_array()
                .ok_or_else(|| invalid(name, &list, "['array-string']"))?;
            let parts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            let parts = parts.ok_or_else(|| invalid(name, &list, "['array-string']"))?;
            Ok(Value::String(parts.join(&sep)))
        }
        "keys" | "values" => {
            arity(name, args, 1)?;
            let v = arg(0)?;
            let map = v.as_object().ok_or_else(|| invalid(name, &v, "['object']"))?;
            Ok(Value::Array(if name == "keys" {
                map.keys().map(|k| Value::String(k.clone())).collect()
            } else {
                map.values().cloned().collect()
            }))
        }
        "length" => {
            arity(name, args, 1)?;
            let v = arg(0)?;
            Ok(Value::from(match &v {
                Value::String(s) => s.chars().count(),
                Value::Array(a) => a.len(),
                Value::Object(o) => o.len(),
                other => return Err(invalid(name, other, "['string', 'array', 'object']")),
            }))
        }
        "map" => {
            arity(name, args, 2)?;
            let e = expref(name, &args[0])?;
            let list = arg(1)?;
            let items = list.as_array().ok_or_else(|| invalid(name, &list, "['array']"))?;
            Ok(Value::Array(
                items.iter().map(|x| eval(&e, x, d)).collect::<Result<_, _>>()?,
            ))
        }
        "max" | "min" => {
            arity(name, args, 1)?;
            let v = arg(0)?;
            let items = v
                .as_array()
                .ok_or_else(|| invalid(name, &v, "['array-number', 'array-string']"))?;
            let mut best: Option<(&Value, (u8, f64, String))> = None;
            for x in items {
                let k = sort_key(x).ok_or_else(|| invalid(name, &v, "['array-number', 'array-string']"))?;
                let better = match &best {
                    None => true,
                    Some((_, bk)) => {
                        let ord = (k.0, k.1, &k.2).partial_cmp(&(bk.0, bk.1, &bk.2));
                        if name == "max" {
                            ord == Some(std::cmp::Ordering::Greater)
                        } else {
                            ord == Some(std::cmp::Ordering::Less)
                        }
                    }
                };
                if better {
                    best = Some((x, k));
                }
            }
            Ok(best.map_or(Value::Null, |(x, _)| x.clone()))
        }
        "max_by" | "min_by" | "sort_by" => {
            arity(name, args, 2)?;
            let list = arg(0)?;
            let e = expref(name, &args[1])?;
            let items = list.as_array().ok_or_else(|| invalid(name, &list, "['array']"))?;
            let mut keyed = Vec::new();
            for x in items {
                let k = eval(&e, x, d)?;
                let sk = sort_key(&k).ok_or_else(|| invalid(name, &k, "['number', 'string']"))?;
                keyed.push((sk, x.clone()));
            }
            keyed.sort_by(|a, b| {
                (a.0 .0, a.0 .1, &a.0 .2)
                    .partial_cmp(&(b.0 .0, b.0 .1, &b.0 .2))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            Ok(match name {
                "sort_by" => Value::Array(keyed.into_iter().map(|(_, x)| x).collect()),
                "max_by" => keyed.pop().map_or(Value::Null, |(_, x)| x),
                _ => keyed.into_iter().next().map_or(Value::Null, |(_, x)| x),
            })
        }
        "merge" => {
            let mut out = Map::new();
            for i in 0..args.len() {
                let v = arg(i)?;
                let m = v.as_object().ok_or_else(|| invalid(name, &v, "['object']"))?;
                for (k, x) in m {
                    out.insert(k.clone(), x.clone());
                }
            }
            Ok(Value::Object(out))
        }
        "not_null" => {
            for i in 0..args.len() {
                let v = arg(i)?;
                if !v.is_null() {
                    return Ok(v);
                }
            }
            Ok(Value::Null)
        }
        "reverse" => {
            arity(name, args, 1)?;
            let v = arg(0)?;
            Ok(match v {
                Value::String(s) => Value::String(s.chars().rev().collect()),
                Value::Array(mut a) => {
                    a.reverse();
                    Value::Array(a)
                }
                other => return Err(invalid(name, &other, "['string', 'array']")),
            })
        }
        "sort" => {
            arity(name, args, 1)?;
            let v = arg(0)?;
            let items = v
                .as_array()
                .ok_or_else(|| invalid(name, &v, "['array-number', 'array-string']"))?;
            let mut keyed = Vec::new();
            for x in items {
                let k = sort_key(x).ok_or_else(|| invalid(name, &v, "['array-number', 'array-string']"))?;
                keyed.push((k, x.clone()));
            }
            keyed.sort_by(|a, b| {
                (a.0 .0, a.0 .1, &a.0 .2)
                    .partial_cmp(&(b.0 .0, b.0 .1, &b.0 .2))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            Ok(Value::Array(keyed.into_iter().map(|(_, x)| x).collect()))
        }
        "to_array" => {
            arity(name, args, 1)?;
            Ok(match arg(0)? {
                a @ Value::Array(_) => a,
                other => Value::Array(vec![other]),
            })
        }
        "to_number" => {
            arity(name, args, 1)?;
            Ok(match arg(0)? {
                n @ Value::Number(_) => n,
                Value::String(s) => s
                    .parse::<i64>()
                    .map(Value::from)
                    .or_else(|_| s.parse::<f64>().map(num))
                    .unwrap_or(Value::Null),
                _ => Value::Null,
            })
        }
        "to_string" => {
            arity(name, args, 1)?;
            Ok(match arg(0)? {
                s @ Value::String(_) => s,
                other => Value::String(other.to_string()),
            })
        }
        "type" => {
            arity(name, args, 1)?;
            Ok(Value::String(type_name(&arg(0)?).into()))
        }
        _ => Err(format!("Unknown function: {name}()")),
    }
}
