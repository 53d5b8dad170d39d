/**
 * The {@code seq2seq4j} command line (picocli): {@code list}, {@code summary}, {@code train},
 * {@code sweep} and {@code predict}, each a small command class registered in {@link
 * dev.seq2seq4j.cli.Main#commandLine}. Bad input is reported as one {@code error:} line on stderr
 * with exit code 2.
 */
package dev.seq2seq4j.cli;
