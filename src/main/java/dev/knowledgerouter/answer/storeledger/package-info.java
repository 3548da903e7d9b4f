/**
 * The usage ledger kept in the knowledge store, so several routers on one Qdrant cluster share one hourly
 * cap and one budget.
 */
package dev.knowledgerouter.answer.storeledger;
