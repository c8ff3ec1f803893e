import org.junit.jupiter.api.Test;
import threadmark.check.Liveness;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankBasicsTest {

    @Test
    void transferMovesMoney() {
        Bank bank = new Bank(3, 100);
        assertTrue(bank.transfer(0, 2, 30), "transfer(0, 2, 30) with 100 on account 0 must succeed");
        assertEquals(70, bank.balance(0), "account 0 after sending 30");
        assertEquals(130, bank.balance(2), "account 2 after receiving 30");
        assertEquals(100, bank.balance(1), "account 1 was not involved");
    }

    @Test
    void insufficientFundsChangesNothing() {
        Bank bank = new Bank(2, 50);
        assertFalse(bank.transfer(0, 1, 51), "transfer(0, 1, 51) with 50 on account 0 must return false");
        assertEquals(50, bank.balance(0), "a refused transfer must not change the source");
        assertEquals(50, bank.balance(1), "a refused transfer must not change the target");
        assertTrue(bank.transfer(0, 1, 50), "transferring the whole balance is allowed");
        assertEquals(0, bank.balance(0));
    }

    @Test
    void transferToTheSameAccountChangesNothing() throws Exception {
        Bank bank = new Bank(2, 100);
        try {
            Liveness.callWithin("transfer(0, 0, 30)", Duration.ofSeconds(5), () -> bank.transfer(0, 0, 30));
        } catch (IllegalArgumentException refused) {
            // Refusing a transfer to the same account is fine too.
        }
        assertEquals(100, bank.balance(0), "transfer(0, 0, 30) may succeed or be refused, but must leave account 0 "
                + "at 100: moving money from an account to itself changes nothing");
        assertEquals(100, bank.balance(1), "account 1 was not involved");
    }
}
