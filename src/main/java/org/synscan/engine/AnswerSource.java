package org.synscan.engine;

/** Where replies come from: captures, parses and validates, and hands over only genuine answers. */
public interface AnswerSource extends AutoCloseable {
    /** Result of {@link #next}: a frame was taken that is not a valid answer. */
    int NOTHING = 0;
    /** Result of {@link #next}: the wait ended without any frame. */
    int IDLE = 2;
    /** Result of {@link #next}: {@code out} holds a valid answer. */
    int ANSWER = 1;
    /** Result of {@link #next}: the source was woken up or closed; stop reading. */
    int CLOSED = -1;

    /**
     * Waits briefly (its read timeout) for the next frame. On {@link #ANSWER} {@code out} holds the
     * answer; on {@link #ANSWER} and {@link #NOTHING} {@code out.receivedNanos} is when the frame
     * arrived.
     */
    int next(Answer out);

    /**
     * The longest a frame can sit unseen before {@link #next} returns it or returns {@link #IDLE}:
     * after an IDLE, everything that arrived before now minus this has been seen.
     */
    long maxLatencyNanos();

    /** Makes a blocked {@link #next} return {@link #CLOSED}; callable from any thread. */
    void wakeUp();

    /** Frames seen that were not valid answers (forged, stray, malformed). */
    long invalid();

    /** Frames the capture dropped (libpcap's ps_drop + ps_ifdrop). */
    long dropped();

    @Override
    void close();
}
