import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateBasicsTest {

    @Test
    void startsClosedAndOpensForGood() {
        Gate gate = new Gate();
        assertFalse(gate.isOpen(), "a new Gate must be closed: isOpen() returned true before open()");
        gate.open();
        assertTrue(gate.isOpen(), "isOpen() must return true after open()");
        gate.open();
        assertTrue(gate.isOpen(), "opening twice is harmless: the gate must still be open after a second open()");
    }
}
