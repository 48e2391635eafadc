//! The JMESPath Pratt parser (binding powers as in jmespath.py).

use super::lexer::Tok;
use super::Ast;

fn bp(t: &Tok) -> u8 {
    match t {
        Tok::Pipe => 1,
        Tok::Or => 2,
        Tok::And => 3,
        Tok::Cmp(_) => 5,
        Tok::Flatten => 9,
        Tok::Star => 20,
        Tok::Filter => 21,
        Tok::Dot => 40,
        Tok::Not => 45,
        Tok::LBrace => 50,
        Tok::LBracket => 55,
        Tok::LParen => 60,
        _ => 0,
    }
}

struct P<'a> {
    expr: &'a str,
    toks: Vec<(Tok, usize)>,
    i: usize,
    depth: usize,
}

pub(crate) fn parse(expr: &str, toks: Vec<(Tok, usize)>) -> Result<Ast, String> {
    let mut p = P {
        expr,
        toks,
        i: 0,
        depth: 0,
    };
    let ast = p.expression(0)?;
    if p.peek() != &Tok::Eof {
        return Err(p.error("Unexpected token"));
    }
    Ok(ast)
}

impl P<'_> {
    fn peek(&self) -> &Tok {
        self.toks.get(self.i).map_or(&Tok::Eof, |t| &t.0)
    }

    fn peek_at(&self, k: usize) -> &Tok {
        self.toks.get(self.i + k).map_or(&Tok::Eof, |t| &t.0)
    }

    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.i < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn error(&self, what: &str) -> String {
        let col = self.toks.get(self.i).map_or(self.expr.chars().count(), |t| t.1);
        format!(
            "Bad value for --query {}: {what}: Parse error at column {col}, for expression:\n\"{}\"\n{}^",
            self.expr,
            self.expr,
            " ".repeat(col + 1)
        )
    }

    fn expect(&mut self, t: Tok) -> Result<(), String> {
        if *self.peek() == t {
            self.next();
            Ok(())
        } else {
            Err(self.error(if *self.peek() == Tok::Eof {
                "Incomplete expression"
            } else {
                "Unexpected token"
            }))
        }
    }

    fn expression(&mut self, rbp: u8) -> Result<Ast, String> {
        self.depth += 1;
        if self.depth > 200 {
            return Err(self.error("Expression too deeply nested"));
        }
        let tok = self.next();
        let mut left = self.nud(tok)?;
        while rbp < bp(self.peek()) {
            let tok = self.next();
            left = self.led(tok, left)?;
        }
        self.depth -= 1;
        Ok(left)
    }

    fn nud(&mut self, tok: Tok) -> Result<Ast, String> {
        match tok {
            Tok::Literal(v) => Ok(Ast::Literal(v)),
            Tok::Ident(name) => Ok(Ast::Field(name)),
            Tok::Quoted(name) => {
                if *self.peek() == Tok::LParen {
                    return Err(self.error("Quoted identifier not allowed for function names"));
                }
                Ok(Ast::Field(name))
            }
            Tok::Star => {
                let right = if *self.peek() == Tok::RBracket {
                    Ast::Identity
                } else {
                    self.projection_rhs(20)?
                };
                Ok(Ast::ValueProjection(Box::new(Ast::Identity), Box::new(right)))
            }
            Tok::Filter => self.led_filter(Ast::Identity),
            Tok::LBrace => self.multi_hash(),
            Tok::LParen => {
                let e = self.expression(0)?;
                self.expect(Tok::RParen)?;
                Ok(e)
            }
            Tok::Flatten => {
                let left = Ast::Flatten(Box::new(Ast::Identity));
                let right = self.projection_rhs(9)?;
                Ok(Ast::Projection(Box::new(left), Box::new(right)))
            }
            Tok::Not => Ok(Ast::Not(Box::new(self.expression(45)?))),
            Tok::LBracket => match (self.peek(), self.peek_at(1)) {
                (Tok::Number(_) | Tok::Colon, _) => {
                    let right = self.index_expression()?;
                    self.project_if_slice(Ast::Identity, right)
                }
                (Tok::Star, Tok::RBracket) => {
                    self.next();
                    self.next();
                    let right = self.projection_rhs(20)?;
                    Ok(Ast::Projection(Box::new(Ast::Identity), Box::new(right)))
                }
                _ => self.multi_list(),
            },
            Tok::At => Ok(Ast::Identity),
            Tok::Expref => Ok(Ast::Expref(Box::new(self.expression(0)?))),
            Tok::Eof => {
                self.i = self.i.saturating_sub(1);
                Err(self.error("Incomplete expression"))
            }
            _ => {
                self.i = self.i.saturating_sub(1);
                Err(self.error("Unexpected token"))
            }
        }
    }

    fn led(&mut self, tok: Tok, left: Ast) -> Result<Ast, String> {
        match tok {
            Tok::Dot => {
                if *self.peek() == Tok::Star {
                    self.next();
                    let right = self.projection_rhs(40)?;
                    Ok(Ast::ValueProjection(Box::new(left), Box::new(right)))
                } else {
                    let right = self.dot_rhs(40)?;
                    Ok(Ast::Sub(Box::new(left), Box::new(right)))
                }
            }
            Tok::Pipe => Ok(Ast::Pipe(Box::new(left), Box::new(self.expression(1)?))),
            Tok::Or => Ok(Ast::Or(Box::new(left), Box::new(self.expression(2)?))),
            Tok::And => Ok(Ast::And(Box::new(left), Box::new(self.expression(3)?))),
            Tok::Cmp(c) => Ok(Ast::Compare(c, Box::new(left), Box::new(self.expression(5)?))),
            Tok::LParen => {
                let Ast::Field(name) = left else {
                    return Err(self.error("Invalid function name"));
                };
                let mut args = Vec::new();
                while *self.peek() != Tok::RParen {
                    args.push(self.expression(0)?);
                    if *self.peek() == Tok::Comma {
                        self.next();
                    } else if *self.peek() != Tok::RParen {
                        return Err(self.error("Unexpected token"));
                    }
                }
                self.expect(Tok::RParen)?;
                Ok(Ast::Function(name, args))
            }
            Tok::Filter => self.led_filter(left),
            Tok::Flatten => {
                let l = Ast::Flatten(Box::new(left));
                let right = self.projection_rhs(9)?;
                Ok(Ast::Projection(Box::new(l), Box::new(right)))
            }
            Tok::LBracket => match self.peek() {
                Tok::Number(_) | Tok::Colon => {
                    let right = self.index_expression()?;
                    self.project_if_slice(left, right)
                }
                _ => {
                    self.expect(Tok::Star)?;
                    self.expect(Tok::RBracket)?;
                    let right = self.projection_rhs(20)?;
                    Ok(Ast::Projection(Box::new(left), Box::new(right)))
                }
            },
            _ => Err(self.error("Unexpected token")),
        }
    }

    fn led_filter(&mut self, left: Ast) -> Result<Ast, String> {
        let condition = self.expression(0)?;
        self.expect(Tok::RBracket)?;
        let right = if *self.peek() == Tok::Flatten {
            Ast::Identity
        } else {
            self.projection_rhs(21)?
        };
        Ok(Ast::FilterProjection(
            Box::new(left),
            Box::new(right),
            Box::new(condition),
        ))
    }

    fn projection_rhs(&mut self, rbp: u8) -> Result<Ast, String> {
        match self.peek() {
            t if bp(t) < 10 => Ok(Ast::Identity),
            Tok::LBracket | Tok::Filter => self.expression(rbp),
            Tok::Dot => {
                self.next();
                self.dot_rhs(rbp)
            }
            _ => Err(self.error("Unexpected token")),
        }
    }

    fn dot_rhs(&mut self, rbp: u8) -> Result<Ast, String> {
        match self.peek() {
            Tok::Ident(_) | Tok::Quoted(_) | Tok::Star => self.expression(rbp),
            Tok::LBracket => {
                self.next();
                self.multi_list()
            }
            Tok::LBrace => {
                self.next();
                self.multi_hash()
            }
            Tok::Eof => Err(self.error("Incomplete expression")),
            _ => Err(self.error("Unexpected token")),
        }
    }

    /// After `[`: an index or a slice, through the closing `]`.
    fn index_expression(&mut self) -> Result<Ast, String> {
        if *self.peek_at(1) == Tok::Colon || *self.peek() == Tok::Colon || *self.peek_at(2) == Tok::Colon {
            let mut parts: [Option<i64>; 3] = [None, None, None];
            let mut k = 0;
            loop {
                match self.next() {
                    Tok::Number(n) => parts[k] = Some(n),
                    Tok::Colon => {
                        k += 1;
                        if k > 2 {
                            return Err(self.error("Too many colons in slice expression"));
                        }
                    }
                    Tok::RBracket => break,
                    _ => return Err(self.error("Unexpected token")),
                }
            }
            if parts[2] == Some(0) {
                return Err(self.error("Invalid slice, step cannot be 0"));
            }
            return Ok(Ast::Slice(Box::new(Ast::Identity), parts[0], parts[1], parts[2]));
        }
        let Tok::Number(n) = self.next() else {
            return Err(self.error("Unexpected token"));
        };
        self.expect(Tok::RBracket)?;
        Ok(Ast::Index(Box::new(Ast::Identity), n))
    }

    fn project_if_slice(&mut self, left: Ast, right: Ast) -> Result<Ast, String> {
        match right {
            Ast::Slice(_, a, b, c) => {
                let sliced = Ast::Slice(Box::new(left), a, b, c);
                let rhs = self.projection_rhs(20)?;
                Ok(Ast::Projection(Box::new(sliced), Box::new(rhs)))
            }
            Ast::Index(_, n) => Ok(Ast::Index(Box::new(left), n)),
            other => Ok(other),
        }
    }

    fn multi_list(&mut self) -> Result<Ast, String> {
        let mut items = Vec::new();
        loop {
            items.push(self.expression(0)?);
            if *self.peek() == Tok::RBracket {
                self.next();
                return Ok(Ast::MultiList(items));
            }
            self.expect(Tok::Comma)?;
        }
    }

    fn multi_hash(&mut self) -> Result<Ast, String> {
        let mut pairs = Vec::new();
        loop {
            let key = match self.next() {
                Tok::Ident(k) | Tok::Quoted(k) => k,
                _ => {
                    self.i = self.i.saturating_sub(1);
                    return Err(self.error("Expecting an identifier"));
                }
            };
            self.expect(Tok::Colon)?;
            let value = self.expression(0)?;
            pairs.push((key, value));
            if *self.peek() == Tok::RBrace {
                self.next();
                return Ok(Ast::MultiHash(pairs));
            }
            self.expect(Tok::Comma)?;
        }
    }
}
