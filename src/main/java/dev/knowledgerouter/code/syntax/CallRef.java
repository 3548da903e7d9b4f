package dev.knowledgerouter.code.syntax;

import java.util.Objects;

/**
 * A call site inside a function, for best-effort call edges.
 *
 * @param caller qualified name (within the file) of the enclosing function or method
 * @param callee the called name alone: {@code save} for {@code store.save(x)}, {@code new Foo()} gives {@code Foo}
 * @param receiver what the call is made on as written ({@code store}, {@code Files}, {@code self}, {@code this},
 *     {@code a.b}), or empty for a bare call
 */
public record CallRef(String caller, String callee, String receiver, int line) {
    public CallRef {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        receiver = receiver == null ? "" : receiver;
    }
}
