/**
 * Each experiment of the two tutorials as a named, configurable {@link
 * dev.seq2seq4j.tutorials.Recipe}: Brownlee's mapping models and seq2seq adder, Karakaya's
 * reversed-sequence models, and Karakaya's closing table as a {@link
 * dev.seq2seq4j.tutorials.Sweep}. Defaults are the tutorials' own configurations; one seed drives
 * data, initial weights and shuffling, so a seed always gives the same numbers.
 */
package dev.seq2seq4j.tutorials;
