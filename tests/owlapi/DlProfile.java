// Checks ontology files against the OWL 2 DL profile with the OWL API, which owlready2 ships
// inside HermiT.jar. Run with Java 11 or later, from source:
//   java -cp HermiT.jar DlProfile.java spinekg.owl [more.owl ...]
// For each file: one line per violation, then "violations: N" (N for that file).
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class DlProfile {
    public static void main(String[] args) throws Exception {
        for (String path : args) {
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(path));
            OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
            for (OWLProfileViolation violation : report.getViolations()) {
                System.out.println(violation);
            }
            System.out.println("violations: " + report.getViolations().size());
        }
    }
}
