/**
 * Routing: the complexity estimate of a query, the routing profiles and the {@link
 * dev.knowledgerouter.route.Router} that turns relevance and complexity into a {@link
 * dev.knowledgerouter.route.Decision} carrying its reasons. Pure logic: no I/O, no models.
 */
package dev.knowledgerouter.route;
