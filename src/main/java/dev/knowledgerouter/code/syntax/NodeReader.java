package dev.knowledgerouter.code.syntax;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import org.treesitter.TSException;
import org.treesitter.TSNode;
import org.treesitter.TSParser;

/**
 * Reads the questions every extractor asks most of a tree-sitter node (is it there, where does it start and end, of
 * what type) at a fraction of the binding's cost. The binding's node mirrors tree-sitter's C {@code TSNode}, whose API
 * defines the start byte as {@code context[0]}, the start row as {@code context[1]} and a null node as a null
 * {@code id}; the binding answers each of those with a native call that copies the node field by field (about half a
 * microsecond), and checks for a null node with another such call before every question. Here the fields are read
 * directly and the end byte and type go to the native functions once. Where the binding's classes no longer have
 * these members, every question falls back to its public methods; {@code NodeReaderTest} holds the two to the same
 * answers on real trees.
 */
final class NodeReader {
    private static final VarHandle START_BYTE;
    private static final VarHandle START_ROW;
    private static final VarHandle ID;
    private static final MethodHandle END_BYTE;
    private static final MethodHandle TYPE;

    static {
        VarHandle startByte = null;
        VarHandle startRow = null;
        VarHandle id = null;
        MethodHandle endByte = null;
        MethodHandle type = null;
        try {
            MethodHandles.Lookup node = MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup());
            MethodHandles.Lookup parser = MethodHandles.privateLookupIn(TSParser.class, MethodHandles.lookup());
            startByte = node.findVarHandle(TSNode.class, "context0", int.class);
            startRow = node.findVarHandle(TSNode.class, "context1", int.class);
            id = node.findVarHandle(TSNode.class, "idPtr", long.class);
            endByte = parser.findStatic(
                    TSParser.class, "ts_node_end_byte", MethodType.methodType(int.class, TSNode.class));
            type = parser.findStatic(TSParser.class, "ts_node_type", MethodType.methodType(String.class, TSNode.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            startByte = null;
        }
        boolean direct = startByte != null;
        START_BYTE = direct ? startByte : null;
        START_ROW = direct ? startRow : null;
        ID = direct ? id : null;
        END_BYTE = direct ? endByte : null;
        TYPE = direct ? type : null;
    }

    private NodeReader() {}

    /** Whether the fields are read directly (else through the binding's public methods). */
    static boolean direct() {
        return START_BYTE != null;
    }

    /**
     * A null node fails as the binding's methods fail on one: tree-sitter's own functions would read through its null
     * pointer and end the process.
     */
    private static TSNode notNull(TSNode node) {
        if ((long) ID.get(node) == 0L) {
            throw new TSException("Node is a null node");
        }
        return node;
    }

    static boolean isNull(TSNode node) {
        return direct() ? (long) ID.get(node) == 0L : node.isNull();
    }

    static int startByte(TSNode node) {
        return direct() ? (int) START_BYTE.get(notNull(node)) : node.getStartByte();
    }

    /** The start row, 0-based. */
    static int startRow(TSNode node) {
        return direct()
                ? (int) START_ROW.get(notNull(node))
                : node.getStartPoint().getRow();
    }

    static int endByte(TSNode node) {
        if (!direct()) {
            return node.getEndByte();
        }
        notNull(node);
        try {
            return (int) END_BYTE.invokeExact(node);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("tree-sitter could not say where a node ends", e);
        }
    }

    static String type(TSNode node) {
        if (!direct()) {
            return node.getType();
        }
        notNull(node);
        try {
            return (String) TYPE.invokeExact(node);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("tree-sitter could not say a node's type", e);
        }
    }
}
