package threadmark.format;

/**
 * One message of test feedback in English and in Russian, with named placeholders for what varies, e.g.
 * {@code en: "{lost} of {made} increments were lost"}, {@code ru: "потеряно {lost} из {made} увеличений"}.
 */
public record FeedbackTranslation(String en, String ru) {
}
