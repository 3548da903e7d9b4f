package dev.knowledgerouter.code.graph;

/** What tells one edge from another: a graph holds at most one edge of a type between two nodes. */
record EdgeKey(String type, String source, String target) {
    static EdgeKey of(GraphEdge edge) {
        return new EdgeKey(edge.type(), edge.source(), edge.target());
    }

    // Written out: a record's generated equals and hashCode go through method handles, slow before the JIT has
    // compiled them, and a graph's build looks up every edge it adds.
    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeKey k && type.equals(k.type) && source.equals(k.source) && target.equals(k.target);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + source.hashCode()) * 31 + target.hashCode();
    }
}
