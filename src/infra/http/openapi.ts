import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** `/openapi.json` and Swagger UI at `/docs`, both served from local files (swagger-ui-dist), no CDN. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('ipocket')
    .setDescription('Lightweight IP address management. Create endpoints answer 200; deletes answer 204; errors are `{"detail": …}`.')
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml', useGlobalPrefix: false });
}
