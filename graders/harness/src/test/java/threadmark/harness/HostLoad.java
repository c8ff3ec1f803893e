package threadmark.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs the harness on one CPU in a session of its own whose scheduling group outweighs the rest of the machine
 * (Linux gives each session's autogroup an equal share, whatever the nice values of the processes in others), so
 * that what it gets does not depend on the other work on the host. Optionally, once {@code marker} exists (or at
 * once), spinning processes in the same group and on the same CPU, at a much higher priority than the harness, take
 * that CPU from it: a host that starves the run, with a weight that no load outside the test can outvote.
 */
record HostLoad(int spinners, int spinnerNice, Path marker) {
    private static final String SCRIPT = """
            marker=$1; spinners=$2; spin_nice=$3; shift 3
            echo -15 > /proc/self/autogroup
            exec 3<&0
            taskset -c 0 "$@" <&3 3<&- &
            harness=$!
            exec 3<&-
            pids=
            if [ "$spinners" -gt 0 ]; then
              while [ "$marker" != - ] && [ ! -e "$marker" ] && kill -0 $harness 2>/dev/null; do sleep 0.02; done
              i=0
              while [ $i -lt "$spinners" ]; do
                timeout 120 nice -n "$spin_nice" taskset -c 0 sh -c 'while :; do :; done' &
                pids="$pids $!"
                i=$((i + 1))
              done
            fi
            wait $harness
            status=$?
            [ -z "$pids" ] || kill $pids
            exit $status
            """;

    /** The harness alone on its CPU, with the weight to take it from the rest of the machine: a quiet host. */
    static HostLoad quiet() {
        return new HostLoad(0, 0, null);
    }

    /** Two spinners at nice -19 against the harness at nice 0 on its one CPU: it gets about 1% of it. */
    static HostLoad starvingOnceExists(Path marker) {
        return new HostLoad(2, -19, marker);
    }

    List<String> wrapper() {
        return List.of("setsid", "sh", "-c", SCRIPT, "sh", marker == null ? "-" : marker.toString(),
                Integer.toString(spinners), Integer.toString(spinnerNice));
    }
}
