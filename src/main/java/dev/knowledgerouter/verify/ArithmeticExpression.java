package dev.knowledgerouter.verify;

import dev.knowledgerouter.verify.ArithmeticToken.Close;
import dev.knowledgerouter.verify.ArithmeticToken.Num;
import dev.knowledgerouter.verify.ArithmeticToken.Op;
import dev.knowledgerouter.verify.ArithmeticToken.Open;
import java.util.List;
import java.util.Optional;

/**
 * A small evaluator for the arithmetic people write in prose, by recursive descent over the grammar
 * <pre>
 *   expr   = term (("+" | "-") term)*
 *   term   = unary (("*" | "/") unary)*
 *   unary  = "-" unary | power
 *   power  = atom ("^" unary)?
 *   atom   = number | "(" expr ")"
 * </pre>
 * (a percent is already applied to its number). The whole token list must be one expression; anything
 * else, a division by zero, or a result that is not a finite number gives no value. No script engine:
 * nothing in the text is ever executed.
 */
final class ArithmeticExpression {
    /** The value and how many binary operators produced it (0 for a number as written). */
    record Value(double value, int operators) {}

    private static final int MAX_EXPONENT = 64;

    private final List<ArithmeticToken> tokens;
    private int position;

    private ArithmeticExpression(List<ArithmeticToken> tokens) {
        this.tokens = tokens;
    }

    static Optional<Value> evaluate(List<ArithmeticToken> tokens) {
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        ArithmeticExpression e = new ArithmeticExpression(tokens);
        try {
            Value v = e.expr();
            if (e.position != tokens.size() || !Double.isFinite(v.value())) {
                return Optional.empty();
            }
            return Optional.of(v);
        } catch (NotArithmetic notArithmetic) {
            return Optional.empty();
        }
    }

    private Value expr() {
        Value left = term();
        while (nextIs('+') || nextIs('-')) {
            char op = ((Op) tokens.get(position++)).symbol();
            Value right = term();
            left = new Value(
                    op == '+' ? left.value() + right.value() : left.value() - right.value(),
                    left.operators() + right.operators() + 1);
        }
        return left;
    }

    private Value term() {
        Value left = unary();
        while (nextIs('*') || nextIs('/')) {
            char op = ((Op) tokens.get(position++)).symbol();
            Value right = unary();
            if (op == '/' && right.value() == 0) {
                throw new NotArithmetic();
            }
            left = new Value(
                    op == '*' ? left.value() * right.value() : left.value() / right.value(),
                    left.operators() + right.operators() + 1);
        }
        return left;
    }

    private Value unary() {
        if (nextIs('-')) {
            position++;
            Value v = unary();
            return new Value(-v.value(), v.operators());
        }
        return power();
    }

    private Value power() {
        Value base = atom();
        if (nextIs('^')) {
            position++;
            Value exponent = unary();
            if (Math.abs(exponent.value()) > MAX_EXPONENT) {
                throw new NotArithmetic();
            }
            return new Value(Math.pow(base.value(), exponent.value()), base.operators() + exponent.operators() + 1);
        }
        return base;
    }

    private Value atom() {
        if (position >= tokens.size()) {
            throw new NotArithmetic();
        }
        ArithmeticToken t = tokens.get(position++);
        if (t instanceof Num n) {
            return new Value(n.value(), 0);
        }
        if (t instanceof Open) {
            Value inner = expr();
            if (position >= tokens.size() || !(tokens.get(position++) instanceof Close)) {
                throw new NotArithmetic();
            }
            return inner;
        }
        throw new NotArithmetic();
    }

    private boolean nextIs(char symbol) {
        return position < tokens.size() && tokens.get(position) instanceof Op op && op.symbol() == symbol;
    }

    /** Control flow for "this is not an expression", caught in {@link #evaluate}; no stack trace is needed. */
    private static final class NotArithmetic extends RuntimeException {
        NotArithmetic() {
            super(null, null, false, false);
        }
    }
}
