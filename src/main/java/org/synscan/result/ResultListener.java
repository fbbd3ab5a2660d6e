package org.synscan.result;

/** Told of every port result as it is settled, e.g. to print "Discovered open port" or write progressively. */
@FunctionalInterface
public interface ResultListener {
    void onResult(long hi, long lo, PortResult result);
}
