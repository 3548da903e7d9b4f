package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.format.DockerfileExtractor;
import dev.knowledgerouter.code.format.EnvFileExtractor;
import dev.knowledgerouter.code.format.GoModExtractor;
import dev.knowledgerouter.code.format.GraphQlExtractor;
import dev.knowledgerouter.code.format.MakefileExtractor;
import dev.knowledgerouter.code.format.ManifestExtractor;
import dev.knowledgerouter.code.format.MarkdownExtractor;
import dev.knowledgerouter.code.format.ProtobufExtractor;
import dev.knowledgerouter.code.format.SqlExtractor;
import dev.knowledgerouter.code.format.TerraformExtractor;
import dev.knowledgerouter.code.format.YamlStructureExtractor;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import java.util.EnumMap;
import java.util.Map;

/** The extractor and import resolver of each language, and the reader of each format, in one place. */
public final class CodeLanguages {
    private CodeLanguages() {}

    public static Map<Language, LanguageExtractor> extractors() {
        Map<Language, LanguageExtractor> extractors = new EnumMap<>(Language.class);
        extractors.put(Language.JAVA, new JavaExtractor());
        extractors.put(Language.GO, new GoExtractor());
        extractors.put(Language.PYTHON, new PythonExtractor());
        extractors.put(Language.JAVASCRIPT, new EcmaScriptExtractor(Language.JAVASCRIPT));
        extractors.put(Language.TYPESCRIPT, new EcmaScriptExtractor(Language.TYPESCRIPT));
        extractors.put(Language.TSX, new EcmaScriptExtractor(Language.TSX));
        extractors.put(Language.RUST, new RustExtractor());
        extractors.put(Language.C, new CFamilyExtractor(Language.C));
        extractors.put(Language.CPP, new CFamilyExtractor(Language.CPP));
        extractors.put(Language.CSHARP, new CSharpExtractor());
        extractors.put(Language.KOTLIN, new KotlinExtractor());
        extractors.put(Language.PHP, new PhpExtractor());
        extractors.put(Language.RUBY, new RubyExtractor());
        extractors.put(Language.DOCKERFILE, new DockerfileExtractor());
        extractors.put(Language.YAML, new YamlStructureExtractor());
        extractors.put(Language.JSON, new ManifestExtractor(Language.JSON));
        extractors.put(Language.TOML, new ManifestExtractor(Language.TOML));
        extractors.put(Language.XML, new ManifestExtractor(Language.XML));
        extractors.put(Language.TERRAFORM, new TerraformExtractor());
        extractors.put(Language.SQL, new SqlExtractor());
        extractors.put(Language.PROTOBUF, new ProtobufExtractor());
        extractors.put(Language.GRAPHQL, new GraphQlExtractor());
        extractors.put(Language.MAKEFILE, new MakefileExtractor());
        extractors.put(Language.GO_MOD, new GoModExtractor());
        extractors.put(Language.ENV, new EnvFileExtractor());
        extractors.put(Language.MARKDOWN, new MarkdownExtractor());
        return extractors;
    }

    public static Map<Language, ImportResolver> resolvers(RepositoryFiles files) {
        Map<Language, ImportResolver> resolvers = new EnumMap<>(Language.class);
        resolvers.put(Language.JAVA, new JavaImportResolver(files));
        resolvers.put(Language.GO, new GoImportResolver(files));
        resolvers.put(Language.PYTHON, new PythonImportResolver(files));
        ImportResolver ecmascript = new EcmaScriptImportResolver(files);
        resolvers.put(Language.JAVASCRIPT, ecmascript);
        resolvers.put(Language.TYPESCRIPT, ecmascript);
        resolvers.put(Language.TSX, ecmascript);
        resolvers.put(Language.RUST, new RustImportResolver(files));
        ImportResolver cFamily = new CIncludeResolver(files);
        resolvers.put(Language.C, cFamily);
        resolvers.put(Language.CPP, cFamily);
        resolvers.put(Language.CSHARP, new CSharpImportResolver(files));
        resolvers.put(Language.KOTLIN, new KotlinImportResolver(files));
        resolvers.put(Language.PHP, new PhpImportResolver(files));
        resolvers.put(Language.RUBY, new RubyImportResolver(files));
        return resolvers;
    }
}
