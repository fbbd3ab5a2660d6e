package org.synscan.result;

/**
 * Told of every port result as it is settled, e.g. to write outputs progressively. Called on the
 * engine's threads: the result comes {@link ScanResults#pack packed}, so nothing is allocated per call.
 */
@FunctionalInterface
public interface ResultListener {
    void onResult(long hi, long lo, long packed);
}
