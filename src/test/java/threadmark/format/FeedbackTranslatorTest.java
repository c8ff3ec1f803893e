package threadmark.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackTranslatorTest {

    private static final List<FeedbackTranslation> COUNTER = List.of(
            new FeedbackTranslation("{lost} of {made} increments were lost: make increment() atomic.",
                    "потеряно {lost} из {made} увеличений: сделайте increment() атомарным."),
            new FeedbackTranslation("incremented one counter", "увеличивали один счётчик"),
            new FeedbackTranslation("account {n} after sending {amount}", "счёт {n} после отправки {amount}"));

    private final FeedbackTranslator russian = FeedbackTranslator.russian(COUNTER);

    @Test
    void aMessageIsTranslatedWithItsNumbersAndThePhrasesInsideItFromTheExerciseAndTheLibrary() {
        FeedbackTranslator.Result result = russian.translate(
                "AssertionFailedError: 3 of 1,200 increments were lost: make increment() atomic.");
        assertThat(result.text()).isEqualTo(
                "AssertionFailedError: потеряно 3 из 1,200 увеличений: сделайте increment() атомарным.");
        assertThat(result.complete()).isTrue();

        // JUnit's "expected ... but was" comes from the library; the message inside it from the exercise.
        assertThat(russian.translate("account 0 after sending 30 ==> expected: <70> but was: <100>").text())
                .isEqualTo("счёт 0 после отправки 30 ==> ожидалось: <70>, получено: <100>");
    }

    @Test
    void linesAreTranslatedOneByOneKeepingIndentationStackFramesAndWhatNoTemplateKnows() {
        FeedbackTranslator.Result result = russian.translate("""
                AssertionFailedError: 1 of 8 increments were lost: make increment() atomic.
                  at Counter.increment(Counter.java:3)
                A sentence nobody translated.""");
        assertThat(result.text()).isEqualTo("""
                AssertionFailedError: потеряно 1 из 8 увеличений: сделайте increment() атомарным.
                  at Counter.increment(Counter.java:3)
                A sentence nobody translated.""");
        assertThat(result.untranslated()).containsExactly("A sentence nobody translated.");
        assertThat(russian.translate("1 of 8 increments were lost: make incr\n[... truncated]").untranslated())
                .as("a line the harness cut short cannot match, and is not counted").isEmpty();
        assertThat(russian.translate(null).text()).isNull();

        assertThat(russian.translate("account 1 after sending 5 ==> expected: <HELLO\nPIPES\n> but was: <HELLO>").text())
                .as("a value that spans lines").isEqualTo(
                        "счёт 1 после отправки 5 ==> ожидалось: <HELLO\nPIPES\n>, получено: <HELLO>");

        FeedbackTranslator library = FeedbackTranslator.russian(List.of());
        assertThat(library.translate("the count was assigned twice ==> expected: <1> but was: <2>").untranslated())
                .as("a phrase left English inside a translated line")
                .containsExactly("the count was assigned twice ==> expected: <1> but was: <2>  [stayed English: \"the count was assigned twice\"]");
    }

    @Test
    void aDeadlockCycleIsTranslatedWithTheLocksNamedAsInTheStudentsCode() {
        FeedbackTranslator library = FeedbackTranslator.russian(List.of());
        FeedbackTranslator.Result result = library.translate("""
                Deadlock while transferring:
                  worker-1 holds the lock of bank.accounts[0] (Account) and waits for the lock of bank.accounts[1] (Account) held by worker-2, at Bank.transfer(Bank.java:12)
                  worker-2 holds bank.accounts[1].lock (ReentrantLock) and waits for the lock of account1 (Account) held by worker-1, entering synchronized method Account.deposit(Account.java:9)
                  "depositor" BLOCKED entering synchronized method Account.deposit() on the lock of Bank.VAULT (Object) held by "holder"
                """);
        assertThat(result.text()).isEqualTo("""
                Взаимоблокировка — transferring:
                  worker-1 держит монитор bank.accounts[0] (Account) и ждёт монитор bank.accounts[1] (Account), который держит worker-2, в Bank.transfer(Bank.java:12)
                  worker-2 держит bank.accounts[1].lock (ReentrantLock) и ждёт монитор account1 (Account), который держит worker-1, при входе в synchronized-метод Account.deposit(Account.java:9)
                  "depositor" BLOCKED: ждёт входа в synchronized-метод Account.deposit() на монитор Bank.VAULT (Object), который держит "holder"
                """);
        assertThat(result.untranslated()).isEmpty();
    }

    @Test
    void theExercisesTemplatesWinOverTheLibrarysAndLongerTemplatesOverShorterOnes() {
        FeedbackTranslator own = FeedbackTranslator.russian(List.of(
                new FeedbackTranslation("expected: <{e}> but was: <{a}>", "своё: {e} / {a}"),
                new FeedbackTranslation("{x} lost", "потеряно: {x}"),
                new FeedbackTranslation("{x} of {y} lost", "потеряно {x} из {y}")));
        assertThat(own.translate("expected: <1> but was: <2>").text()).isEqualTo("своё: 1 / 2");
        assertThat(own.translate("3 of 4 lost").text()).isEqualTo("потеряно 3 из 4");
        assertThat(own.translate("3 lost").text()).isEqualTo("потеряно: 3");
    }

    @Test
    void translationsWhosePlaceholdersDoNotAgreeAreNamedEachWithItsProblem() {
        assertThat(FeedbackTranslator.problems(List.of(
                new FeedbackTranslation("{a} of {b} lost", "потеряно {a}"),
                new FeedbackTranslation("{a} and {a}", "{a} и {a}"),
                new FeedbackTranslation("{a}", "{a}"),
                new FeedbackTranslation("two\nlines", "две\nстроки"),
                new FeedbackTranslation("lost", null))))
                .containsExactly(
                        "exercise.yaml: feedback-ru entry 1 has placeholders [a, b] in 'en' but [a] in 'ru'",
                        "exercise.yaml: feedback-ru entry 2 uses a placeholder twice in 'en': name each one differently",
                        "exercise.yaml: feedback-ru entry 3 is only placeholders: it would match any message",
                        "exercise.yaml: feedback-ru entry 4 spans lines: give each line of a message its own entry",
                        "exercise.yaml: feedback-ru entry 5 needs both 'en' and 'ru'");
        assertThat(FeedbackTranslator.problems(COUNTER)).isEmpty();
    }
}
