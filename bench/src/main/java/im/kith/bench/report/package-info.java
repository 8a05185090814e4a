/**
 * Result files (one {@code key<TAB>value<TAB>unit} line per measurement) and the side-by-side comparison
 * of a subject server against its peers and targets.
 */
package im.kith.bench.report;
