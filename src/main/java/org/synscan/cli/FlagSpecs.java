package org.synscan.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the scan command's picocli model through picocli's API rather than from annotations. Reading
 * annotations cost every start of a cold JVM some 60 ms: reflection over the classes and a proxy class
 * generated per annotation type. Each option is bound to its field by a getter and a setter, so the
 * fields stay what {@link PlanBuilder} reads.
 */
final class FlagSpecs {
    private FlagSpecs() {
    }

    /** An option that takes a value, kept as the string given (PlanBuilder validates it). */
    static OptionSpec text(String names, String label, Supplier<String> get, Consumer<String> set,
            String... description) {
        return OptionSpec.builder(names.split(" ")).paramLabel(label).type(String.class)
                .getter(getter(get)).setter(setter(set)).description(description).build();
    }

    /** An option without a value: true when given. */
    static OptionSpec flag(String names, Supplier<Boolean> get, Consumer<Boolean> set, String... description) {
        return OptionSpec.builder(names.split(" ")).type(boolean.class)
                .getter(getter(get)).setter(setter(set)).description(description).build();
    }

    /** An option without a value that counts its repetitions (-v, -vv): one element per time given. */
    static OptionSpec repeatable(String names, Supplier<boolean[]> get, Consumer<boolean[]> set, String... description) {
        return OptionSpec.builder(names.split(" ")).type(boolean[].class).arity("0")
                .getter(getter(get)).setter(setter(set)).description(description).build();
    }

    /** Options shown under one heading of --help, in the order given; nothing is validated as a group. */
    static ArgGroupSpec group(int order, String heading, OptionSpec... options) {
        ArgGroupSpec.Builder b = ArgGroupSpec.builder().validate(false).order(order).heading(heading);
        for (OptionSpec o : options) {
            b.addArg(o);
        }
        return b.build();
    }

    static IGetter getter(Supplier<?> get) {
        return new IGetter() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get() {
                return (T) get.get();
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <V> ISetter setter(Consumer<V> set) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                set.accept((V) value);
                return null;
            }
        };
    }
}
