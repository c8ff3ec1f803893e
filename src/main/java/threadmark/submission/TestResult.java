package threadmark.submission;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import threadmark.grading.GradeReport;

/** How one expected test went in one grading. */
@Entity
@Table(name = "test_result")
public class TestResult extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Grading grading;

    public String testId;
    public String displayName;

    @Enumerated(EnumType.STRING)
    public GradeReport.Status status;

    public double points;
    public double maxPoints;
    public boolean visible;
    public String message;
    public String output;
    public Long durationMillis;

    static TestResult of(Grading grading, GradeReport.TestVerdict verdict) {
        TestResult result = new TestResult();
        result.grading = grading;
        result.testId = verdict.id();
        result.displayName = verdict.displayName();
        result.status = verdict.status();
        result.points = verdict.points();
        result.maxPoints = verdict.maxPoints();
        result.visible = verdict.visible();
        result.message = verdict.message();
        result.output = verdict.output();
        result.durationMillis = verdict.durationMillis();
        return result;
    }
}
