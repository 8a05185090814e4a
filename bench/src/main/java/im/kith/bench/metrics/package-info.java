/**
 * What the scenarios measure with: per-pair delivery accounting (loss, duplication, reordering), the
 * open-loop schedule, latency summaries from HdrHistogram, and samples of a server process from /proc.
 */
package im.kith.bench.metrics;
